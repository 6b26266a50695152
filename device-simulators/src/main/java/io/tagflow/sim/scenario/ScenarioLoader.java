package io.tagflow.sim.scenario;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.tagflow.sim.scenario.internal.ScenarioValidator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads scenario files (YAML, docs/scenarios.md) into {@link Scenario} and validates them.
 *
 * <p>Failure contract: {@link #load} either returns a scenario that passed every check of
 * {@link #validate}, or throws one {@link ScenarioException} carrying the file name and every problem
 * found, each with its path inside the file ({@code doors[2].antennas[0].gainDbi: expected -10.0..20.0,
 * got 45.0}). A syntax or type error stops parsing, so it is reported alone. Unknown keys are errors
 * (a misspelt key would otherwise silently fall back to a default). Files over {@link #MAX_FILE_BYTES}
 * are refused before parsing.
 *
 * <p>Thread-safe.
 */
public final class ScenarioLoader {
  /** Larger than any hand-written scene; random traffic is generated, not listed. */
  public static final int MAX_FILE_BYTES = 4 * 1024 * 1024;

  private static final ObjectMapper YAML = YAMLMapper.builder(new YAMLFactory())
      .addModule(new JavaTimeModule())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
      .build();

  private ScenarioLoader() {
  }

  /** Loads and validates a scenario file. */
  public static Scenario load(Path file) {
    String name = file.toString();
    // Bounded like any stream: a pipe or device (--scenario <(...), /dev/zero) has no size to check first.
    try (InputStream in = Files.newInputStream(file)) {
      return load(name, in);
    } catch (NoSuchFileException e) {
      throw single(name, "", "no such file");
    } catch (IOException e) {
      throw single(name, "", "cannot read: " + e.getMessage());
    }
  }

  /** Loads and validates a scenario from a classpath resource or another stream (tests, examples). */
  public static Scenario load(String name, InputStream in) {
    try {
      byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
      if (bytes.length > MAX_FILE_BYTES) {
        throw single(name, "", "file is larger than " + MAX_FILE_BYTES + " bytes");
      }
      return parse(name, bytes);
    } catch (IOException e) {
      throw single(name, "", "cannot read: " + e.getMessage());
    }
  }

  /** Parses and validates YAML text (tests). */
  public static Scenario parse(String name, byte[] yaml) {
    Scenario scenario;
    try {
      scenario = YAML.readValue(yaml, Scenario.class);
    } catch (JsonProcessingException e) {
      throw single(name, path(e), describe(e));
    } catch (IOException e) {
      throw single(name, "", "cannot read: " + e.getMessage());
    }
    if (scenario == null) {
      throw single(name, "", "the file is empty");
    }
    List<ScenarioError> errors = validate(scenario);
    if (!errors.isEmpty()) {
      throw new ScenarioException(name, errors);
    }
    return scenario;
  }

  /** Every problem of an already built scenario; empty when it is usable. */
  public static List<ScenarioError> validate(Scenario scenario) {
    return ScenarioValidator.validate(scenario);
  }

  private static ScenarioException single(String file, String path, String message) {
    return new ScenarioException(file, List.of(new ScenarioError(path, message)));
  }

  /** The Jackson reference path as {@code doors[2].antennas[0].gainDbi}. */
  private static String path(JsonProcessingException e) {
    if (!(e instanceof JsonMappingException m)) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : m.getPath()) {
      if (r.getFieldName() != null) {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  private static String describe(JsonProcessingException e) {
    String where = "";
    JsonLocation loc = e.getLocation();
    if (loc != null && loc.getLineNr() > 0) {
      where = " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
    }
    if (e instanceof UnrecognizedPropertyException u) {
      return "unknown key '" + u.getPropertyName() + "'; known keys: " + u.getKnownPropertyIds() + where;
    }
    if (e instanceof InvalidFormatException f) {
      return "expected " + typeName(f.getTargetType()) + ", got '" + f.getValue() + "'" + where;
    }
    if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
      return "expected " + typeName(m.getTargetType()) + where;
    }
    return e.getOriginalMessage() + where;
  }

  private static String typeName(Class<?> type) {
    if (type == null) {
      return "a value";
    }
    if (type.isEnum()) {
      return "one of " + List.of(type.getEnumConstants());
    }
    if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
      return "a number (" + type.getSimpleName() + ")";
    }
    if (List.class.isAssignableFrom(type)) {
      return "a list";
    }
    if (type == String.class) {
      return "a string";
    }
    if (type.isRecord()) {
      return "a mapping (" + type.getSimpleName() + ")";
    }
    return type.getSimpleName();
  }
}
