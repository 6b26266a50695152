package io.tagflow.sim.score;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tagflow.protocol.event.EventCodec;
import io.tagflow.protocol.event.EventFormatException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A gateway's output as the scorer sees it: movements and locations.
 *
 * @param movements movement events
 * @param locations location events
 * @param skipped other events in the input (reader status, health), ignored
 */
public record ObservedEvents(List<ObservedMovement> movements, List<ObservedLocation> locations, int skipped) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final EventCodec CODEC = new EventCodec();

  public ObservedEvents {
    movements = List.copyOf(movements);
    locations = List.copyOf(locations);
  }

  /**
   * Reads a JSON-lines file of contract events (one event per line, as the gateway publishes them):
   * lines with a {@code movementId} are movements, lines with an {@code eventId} and a {@code bin} are
   * locations, other events are counted and skipped, blank lines ignored.
   *
   * @throws IllegalArgumentException naming the file, the line and the field that is wrong
   */
  public static ObservedEvents read(Path file) throws IOException {
    Collector collector = new Collector();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int n = 0;
      while ((line = in.readLine()) != null) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        try {
          collector.add(line.getBytes(StandardCharsets.UTF_8));
        } catch (EventFormatException e) {
          throw new IllegalArgumentException(file + ":" + n + ": " + (e.path().isEmpty() ? e.reason() : e.getMessage()));
        }
      }
    }
    return collector.events();
  }

  /**
   * Sorts contract events one JSON document at a time (a line of a file, an MQTT payload) into
   * movements, locations and skipped events. Not thread-safe.
   */
  public static final class Collector {
    private final List<ObservedMovement> movements = new ArrayList<>();
    private final List<ObservedLocation> locations = new ArrayList<>();
    private int skipped;

    /**
     * Adds one event.
     *
     * @throws EventFormatException when the document is not JSON (empty path) or not a valid contract
     *     event (the path of the bad field); nothing is added then
     */
    public void add(byte[] json) {
      JsonNode node;
      try {
        node = JSON.readTree(json);
      } catch (IOException e) {
        String reason = e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe ? jpe.getOriginalMessage()
            : e.getMessage();
        throw new EventFormatException("", "not JSON: " + reason);
      }
      if (node == null || !node.isObject()) {
        throw new EventFormatException("", "expected a JSON object");
      }
      if (node.has("movementId")) {
        movements.add(ObservedMovement.of(CODEC.decodeMovement(json)));
      } else if (node.has("eventId") && node.has("bin")) {
        locations.add(ObservedLocation.of(CODEC.decodeLocation(json)));
      } else {
        skipped++;
      }
    }

    public int movementCount() {
      return movements.size();
    }

    public int locationCount() {
      return locations.size();
    }

    /** What was collected so far. */
    public ObservedEvents events() {
      return new ObservedEvents(movements, locations, skipped);
    }
  }
}
