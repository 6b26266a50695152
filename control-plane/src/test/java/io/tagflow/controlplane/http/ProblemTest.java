package io.tagflow.controlplane.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class ProblemTest {
  @Test
  void badRequest_serialisesRfc9457MembersAndField() throws Exception {
    JsonNode json = Json.MAPPER.readTree(Json.encode(Problem.badRequest("gtin", "gtin must be 14 digits")));

    assertThat(json.get("type").asText()).isEqualTo("urn:tagflow:problem:invalid-request");
    assertThat(json.get("title").asText()).isEqualTo("Invalid request");
    assertThat(json.get("status").asInt()).isEqualTo(400);
    assertThat(json.get("detail").asText()).isEqualTo("gtin must be 14 digits");
    assertThat(json.get("field").asText()).isEqualTo("gtin");
  }

  @Test
  void internal_hasNoFieldMemberAndNoDetailOfTheCause() throws Exception {
    JsonNode json = Json.MAPPER.readTree(Json.encode(Problem.internal()));

    assertThat(json.has("field")).isFalse();
    assertThat(json.get("status").asInt()).isEqualTo(500);
    assertThat(json.get("detail").asText()).doesNotContain("Exception");
  }

  @Test
  void apiException_carriesProblemWithoutStackTrace() {
    ApiException e = ApiException.notFound("no lot X");

    assertThat(e.problem().status()).isEqualTo(404);
    assertThat(e.getStackTrace()).isEmpty();
  }
}
