package io.tagflow.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tagflow.sim.scenario.Lot;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * Seeds the control plane with the scenario's lots (locking the ones asked for) and the tag registry,
 * through its public HTTP API, exactly as an operator's system would. A lot that already exists (a
 * persistent {@code --pg-url} database from an earlier run) is kept.
 */
final class Seeder {
  /** Rows per tag import request: well under the API's 2 MiB body limit (about 60 bytes a row). */
  static final int IMPORT_CHUNK = 5_000;
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final String WHO = "tagflow-demo";

  private final HttpClient http;
  private final URI base;
  private final ObjectMapper json = new ObjectMapper();

  Seeder(HttpClient http, URI base) {
    this.http = http;
    this.base = base;
  }

  /** Creates each lot (201, or 409 when it is already there), then locks those in {@code locked}. */
  void lots(List<Lot> lots, List<String> locked) throws IOException, InterruptedException {
    for (Lot lot : lots) {
      ObjectNode body = json.createObjectNode().put("id", lot.id()).put("gtin", lot.gtin())
          .put("description", "demo lot " + lot.id()).put("by", WHO);
      if (lot.expiry() != null) {
        body.put("expiresOn", lot.expiry().toString());
      }
      expect(post("/api/lots", body), "create lot " + lot.id(), 201, 409);
      if (locked.contains(lot.id())) {
        ObjectNode lock = json.createObjectNode().put("status", "locked").put("by", WHO)
            .put("reason", "quality hold (demo): must not leave the site");
        expect(post("/api/lots/" + lot.id() + "/lock", lock), "lock lot " + lot.id(), 200);
      }
    }
  }

  /** Imports the registry in chunks of {@link #IMPORT_CHUNK}; returns the rows the API accepted. */
  int tags(List<DemoSite.TagRow> rows) throws IOException, InterruptedException {
    int accepted = 0;
    for (int from = 0; from < rows.size(); from += IMPORT_CHUNK) {
      ArrayNode body = json.createArrayNode();
      for (DemoSite.TagRow r : rows.subList(from, Math.min(rows.size(), from + IMPORT_CHUNK))) {
        body.addObject().put("epc", r.epc()).put("lot", r.lot());
      }
      HttpResponse<String> response = expect(post("/api/tags/import", body), "import tags", 200);
      accepted += json.readTree(response.body()).path("accepted").asInt(0);
    }
    return accepted;
  }

  private HttpResponse<String> post(String path, Object body) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> expect(HttpResponse<String> r, String what, int... ok) throws IOException {
    for (int code : ok) {
      if (r.statusCode() == code) {
        return r;
      }
    }
    String body = r.body() == null ? "" : r.body();
    throw new IOException(what + ": HTTP " + r.statusCode() + ": " + body.substring(0, Math.min(300, body.length())));
  }
}
