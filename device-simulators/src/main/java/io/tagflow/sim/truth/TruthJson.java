package io.tagflow.sim.truth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes and reads truth files: JSON lines, one {@link TruthEvent} per line, instants as ISO-8601 UTC.
 *
 * <p>{@link #read} fails with one {@link IllegalArgumentException} naming the file, the line and what
 * was wrong; it never returns a partial list.
 */
public final class TruthJson {
  /** A truth line longer than this is not one the scene wrote. */
  public static final int MAX_LINE_CHARS = 1 << 20;

  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  private TruthJson() {
  }

  /** One event as a JSON line without the newline. */
  public static String toLine(TruthEvent event) {
    try {
      return MAPPER.writeValueAsString(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("truth events always serialise", e);
    }
  }

  /** Appends one event and a newline. */
  public static void write(Writer out, TruthEvent event) {
    try {
      out.write(toLine(event));
      out.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes a whole truth file. */
  public static void write(Path file, GroundTruth truth) throws IOException {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (TruthEvent e : truth.events()) {
        write(out, e);
      }
    }
  }

  /** Reads a truth file; blank lines are skipped. */
  public static GroundTruth read(Path file) throws IOException {
    List<TruthEvent> events = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int n = 0;
      while ((line = in.readLine()) != null) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        if (line.length() > MAX_LINE_CHARS) {
          throw new IllegalArgumentException(file + ":" + n + ": line longer than " + MAX_LINE_CHARS);
        }
        try {
          events.add(MAPPER.readValue(line, TruthEvent.class));
        } catch (JsonProcessingException e) {
          throw new IllegalArgumentException(file + ":" + n + ": not a truth event: " + e.getOriginalMessage());
        }
      }
    }
    return new GroundTruth(events);
  }
}
