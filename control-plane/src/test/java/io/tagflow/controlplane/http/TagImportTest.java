package io.tagflow.controlplane.http;

import static io.tagflow.controlplane.fixtures.Layouts.epc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TagImportTest {
  @Test
  void csv_goodAndBadRows_goodKeptBadReportedByLine() {
    String csv = "lot,epc,comment\n"
        + "L-1," + epc(1).toLowerCase() + ",first\n"
        + "L-1,XYZ,bad epc\n"
        + "bad lot!," + epc(3) + ",bad lot\n"
        + "L-2," + epc(4) + ",\n";

    TagImport.Parsed parsed = TagImport.csv(csv);

    assertThat(parsed.rows()).extracting(TagImport.Row::line).containsExactly(2, 5);
    assertThat(parsed.rows().get(0).tag().epc()).isEqualTo(epc(1));
    assertThat(parsed.rejected()).extracting(TagImport.Rejected::line, TagImport.Rejected::field)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(3, "epc"), org.assertj.core.groups.Tuple.tuple(4, "lot"));
  }

  @Test
  void csv_missingColumn_isOneBadRequest() {
    assertThatThrownBy(() -> TagImport.csv("epc,batch\n" + epc(1) + ",L-1\n"))
        .isInstanceOf(ApiException.class)
        .satisfies(e -> assertThat(((ApiException) e).problem().field()).isEqualTo("body"))
        .hasMessageContaining("epc and lot");
  }

  @Test
  void csv_headerOnly_isEmptyImport() {
    TagImport.Parsed parsed = TagImport.csv("epc,lot\n");

    assertThat(parsed.rows()).isEmpty();
    assertThat(parsed.rejected()).isEmpty();
  }

  @Test
  void json_objectsAndNonObjects_reportedByStartLine() {
    String json = "[\n"
        + "  {\"epc\": \"" + epc(1) + "\", \"lot\": \"L-1\"},\n"
        + "  42,\n"
        + "  {\"epc\": 7, \"lot\": \"L-1\"},\n"
        + "  {\"epc\": \"" + epc(2) + "\",\n   \"lot\": \"L-2\"}\n"
        + "]";

    TagImport.Parsed parsed = TagImport.json(json);

    assertThat(parsed.rows()).extracting(TagImport.Row::line).containsExactly(2, 5);
    assertThat(parsed.rejected()).extracting(TagImport.Rejected::line).containsExactly(3, 4);
  }

  @Test
  void json_truncated_keepsRowsBeforeAndReportsWhereReadingStopped() {
    TagImport.Parsed parsed = TagImport.json("[\n{\"epc\": \"" + epc(1) + "\", \"lot\": \"L-1\"},\n{\"epc\": ");

    assertThat(parsed.rows()).hasSize(1);
    assertThat(parsed.rejected()).singleElement().satisfies(r -> {
      assertThat(r.line()).isEqualTo(3);
      assertThat(r.error()).contains("reading stopped");
    });
  }

  @Test
  void json_notAnArray_isOneBadRequest() {
    assertThatThrownBy(() -> TagImport.json("{\"epc\": \"x\"}")).isInstanceOf(ApiException.class)
        .hasMessageContaining("JSON array");
  }
}
