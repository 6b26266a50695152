package io.tagflow.protocol.event;

/**
 * The parts of a contract topic, as {@link Topics#parse(String)} returns them.
 *
 * @param site site id
 * @param gateway gateway id
 * @param kind what the topic carries
 * @param reader the reader id for {@link TopicKind#READER_STATUS}, null for the other kinds
 */
public record TopicAddress(String site, String gateway, TopicKind kind, @Nullable String reader) {
  public TopicAddress {
    Checks.id("site", site);
    Checks.id("gateway", gateway);
    Checks.present("kind", kind);
    if (kind == TopicKind.READER_STATUS) {
      Checks.id("reader", reader);
    } else if (reader != null) {
      throw new IllegalArgumentException("reader: only " + TopicKind.READER_STATUS + " topics name a reader");
    }
  }
}
