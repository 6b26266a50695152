package io.tagflow.protocol.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Combinators;
import org.junit.jupiter.api.Test;

class TopicsTest {
  private final Topics topics = Topics.standard();

  @Test
  void build_eachKind_followsContract() {
    assertThat(topics.movements("dc-lyon", "gw-01")).isEqualTo("tagflow/v1/dc-lyon/gw-01/movements");
    assertThat(topics.locations("dc-lyon", "gw-01")).isEqualTo("tagflow/v1/dc-lyon/gw-01/locations");
    assertThat(topics.readerStatus("dc-lyon", "gw-01", "r1")).isEqualTo("tagflow/v1/dc-lyon/gw-01/readers/r1/status");
    assertThat(topics.health("dc-lyon", "gw-01")).isEqualTo("tagflow/v1/dc-lyon/gw-01/health");
  }

  @Test
  void parse_readerStatus_givesAllParts() {
    assertThat(topics.parse("tagflow/v1/dc-lyon/gw-01/readers/r1/status"))
        .isEqualTo(new TopicAddress("dc-lyon", "gw-01", TopicKind.READER_STATUS, "r1"));
  }

  @Test
  void sharedFilter_eachKind_usesShareGroupAndWildcards() {
    assertThat(topics.sharedFilter("tagflow-cp", TopicKind.MOVEMENTS))
        .isEqualTo("$share/tagflow-cp/tagflow/v1/+/+/movements");
    assertThat(topics.sharedFilter("tagflow-cp", TopicKind.READER_STATUS))
        .isEqualTo("$share/tagflow-cp/tagflow/v1/+/+/readers/+/status");
    assertThat(topics.filter(TopicKind.HEALTH)).isEqualTo("tagflow/v1/+/+/health");
  }

  @Test
  void sharedFilter_groupWithSlash_isRefused() {
    assertThatThrownBy(() -> topics.sharedFilter("a/b", TopicKind.MOVEMENTS))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("group");
  }

  @Test
  void under_prefix_buildsAndParsesBelowIt() {
    Topics prefixed = Topics.under("tagflow-it/abc/");

    String topic = prefixed.movements("s", "g");
    assertThat(topic).isEqualTo("tagflow-it/abc/tagflow/v1/s/g/movements");
    assertThat(prefixed.parse(topic).kind()).isEqualTo(TopicKind.MOVEMENTS);
    assertThat(prefixed.filter(TopicKind.LOCATIONS)).isEqualTo("tagflow-it/abc/tagflow/v1/+/+/locations");
  }

  @Test
  void parse_wrongRoot_saysExpectedRoot() {
    assertParseError("tagflow/v2/s/g/movements", "expected it to start with tagflow/v1/, got \"tagflow/v2/s/g/movements\"");
  }

  @Test
  void parse_unknownKind_listsKinds() {
    assertParseError("tagflow/v1/s/g/moves",
        "unknown kind \"moves\", expected movements, locations, health or readers/{reader}/status");
  }

  @Test
  void parse_tooFewLevels_showsShape() {
    assertParseError("tagflow/v1/s/movements", "expected tagflow/v1/{site}/{gateway}/{kind}, got \"tagflow/v1/s/movements\"");
  }

  @Test
  void parse_emptySiteLevel_namesLevel() {
    assertParseError("tagflow/v1//g/movements",
        "site level \"\" is not an id (1-64 characters [A-Za-z0-9._-] starting with a letter or digit)");
  }

  @Test
  void parse_readerStatusWithoutReader_isUnknownKind() {
    assertParseError("tagflow/v1/s/g/readers/status",
        "unknown kind \"readers/status\", expected movements, locations, health or readers/{reader}/status");
  }

  @Test
  void parse_trailingSlash_isUnknownKind() {
    assertParseError("tagflow/v1/s/g/movements/", "unknown kind \"movements/\", expected movements, locations, health or readers/{reader}/status");
  }

  @Test
  void parse_hugeTopic_isRefusedBeforeSplitting() {
    assertParseError("tagflow/v1/" + "a/".repeat(1000), "longer than 512 characters");
  }

  @Test
  void build_idWithWildcard_isRefused() {
    assertThatThrownBy(() -> topics.movements("s+", "g")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("site: ");
  }

  @Provide
  Arbitrary<TopicAddress> addresses() {
    Arbitrary<String> ids = EventArbitraries.ids();
    return Combinators.combine(ids, ids, Arbitraries.of(TopicKind.class), ids)
        .as((site, gateway, kind, reader) -> new TopicAddress(site, gateway, kind,
            kind == TopicKind.READER_STATUS ? reader : null));
  }

  @Property(tries = 300)
  void parseOfTopic_anyAddress_isEqual(@ForAll("addresses") TopicAddress address) {
    assertThat(topics.parse(topics.topic(address))).isEqualTo(address);
  }

  private void assertParseError(String topic, String reason) {
    assertThatThrownBy(() -> topics.parse(topic)).isInstanceOfSatisfying(EventFormatException.class, e -> {
      assertThat(e.path()).isEqualTo("topic");
      assertThat(e.reason()).isEqualTo(reason);
    });
  }
}
