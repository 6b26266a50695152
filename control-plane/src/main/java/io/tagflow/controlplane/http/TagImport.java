package io.tagflow.controlplane.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.tagflow.controlplane.model.Ids;
import io.tagflow.controlplane.model.TagRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Parses a tag registry import. Good rows are kept, bad rows are reported by line number; a body that
 * cannot be read at all (no header, not a JSON array) is one 400.
 *
 * <ul>
 *   <li>CSV ({@code text/csv}): a header row naming the columns {@code epc} and {@code lot} (any order,
 *       other columns ignored), then one tag per line. Line numbers count the header as line 1.</li>
 *   <li>JSON ({@code application/json}): an array of objects {@code {"epc": ..., "lot": ...}}; the line
 *       reported is the one where the object starts.</li>
 * </ul>
 * At most {@link #MAX_ROWS} rows are read; rows beyond are rejected as one entry.
 */
final class TagImport {
  static final int MAX_ROWS = 100_000;
  private static final CsvMapper CSV = CsvMapper.builder().enable(CsvParser.Feature.TRIM_SPACES).build();

  private TagImport() {
  }

  /** A row that passed the syntax checks. */
  record Row(int line, TagRecord tag) {
  }

  /** A row that did not, and why. */
  record Rejected(int line, String field, String error) {
  }

  record Parsed(List<Row> rows, List<Rejected> rejected) {
  }

  static Parsed csv(String text) {
    List<Row> rows = new ArrayList<>();
    List<Rejected> rejected = new ArrayList<>();
    CsvSchema schema = CsvSchema.emptySchema().withHeader();
    try (MappingIterator<Map<String, String>> it = CSV.readerFor(Map.class).with(schema).readValues(text)) {
      CsvSchema header = null;
      while (true) {
        int line;
        Map<String, String> row;
        try {
          if (!it.hasNextValue()) {
            break;
          }
          row = it.nextValue();
          line = it.getCurrentLocation().getLineNr() - 1;
          if (header == null) {
            header = (CsvSchema) it.getParserSchema();
            if (header.column("epc") == null || header.column("lot") == null) {
              throw ApiException.badRequest("body", "the CSV header must name the columns epc and lot");
            }
          }
        } catch (RuntimeException | IOException e) {
          if (e instanceof ApiException a) {
            throw a;
          }
          rejected.add(new Rejected(it.getCurrentLocation().getLineNr(), "body", "not valid CSV; reading stopped here"));
          break;
        }
        if (rows.size() + rejected.size() >= MAX_ROWS) {
          rejected.add(new Rejected(line, "body", "more than " + MAX_ROWS + " rows; the rest were not read"));
          break;
        }
        check(line, row.get("epc"), row.get("lot"), rows, rejected);
      }
    } catch (IOException e) {
      throw ApiException.badRequest("body", "not valid CSV");
    }
    if (rows.isEmpty() && rejected.isEmpty() && !text.isBlank() && !text.contains("\n")) {
      // A header alone is a valid, empty import, but it still must name the columns.
      if (!text.contains("epc") || !text.contains("lot")) {
        throw ApiException.badRequest("body", "the CSV header must name the columns epc and lot");
      }
    }
    return new Parsed(rows, rejected);
  }

  static Parsed json(String text) {
    List<Row> rows = new ArrayList<>();
    List<Rejected> rejected = new ArrayList<>();
    try (JsonParser p = Json.MAPPER.createParser(text)) {
      if (p.nextToken() != JsonToken.START_ARRAY) {
        throw ApiException.badRequest("body", "expected a JSON array of {\"epc\", \"lot\"} objects");
      }
      while (true) {
        JsonToken t;
        try {
          t = p.nextToken();
        } catch (JsonProcessingException e) {
          rejected.add(new Rejected(lineOf(e), "body", "not valid JSON; reading stopped here"));
          break;
        }
        if (t == JsonToken.END_ARRAY || t == null) {
          break;
        }
        int line = p.currentTokenLocation().getLineNr();
        JsonNode node;
        try {
          node = Json.MAPPER.readTree(p);
        } catch (JsonProcessingException e) {
          rejected.add(new Rejected(lineOf(e), "body", "not valid JSON; reading stopped here"));
          break;
        }
        if (rows.size() + rejected.size() >= MAX_ROWS) {
          rejected.add(new Rejected(line, "body", "more than " + MAX_ROWS + " rows; the rest were not read"));
          break;
        }
        if (!node.isObject()) {
          rejected.add(new Rejected(line, "body", "expected an object {\"epc\", \"lot\"}"));
          continue;
        }
        check(line, text(node, "epc"), text(node, "lot"), rows, rejected);
      }
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("body", "not valid JSON at line " + lineOf(e));
    } catch (IOException e) {
      throw ApiException.badRequest("body", "not valid JSON");
    }
    return new Parsed(rows, rejected);
  }

  private static int lineOf(JsonProcessingException e) {
    return e.getLocation() == null ? 0 : e.getLocation().getLineNr();
  }

  private static String text(JsonNode node, String field) {
    JsonNode n = node.get(field);
    return n == null || !n.isTextual() ? null : n.asText();
  }

  private static void check(int line, String epc, String lot, List<Row> rows, List<Rejected> rejected) {
    String epcError = error(() -> TagRecord.normaliseEpc(epc));
    if (epcError != null) {
      rejected.add(new Rejected(line, "epc", epcError));
      return;
    }
    String lotError = error(() -> Ids.require("lot", lot));
    if (lotError != null) {
      rejected.add(new Rejected(line, "lot", lotError));
      return;
    }
    rows.add(new Row(line, new TagRecord(epc, lot)));
  }

  private static String error(Runnable check) {
    try {
      check.run();
      return null;
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }
}
