package io.tagflow.gateway.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.tagflow.gateway.config.internal.ConfigErrors;
import io.tagflow.gateway.config.internal.DurationDeserializer;
import io.tagflow.gateway.config.internal.FilterSettingsMixin;
import io.tagflow.gateway.pipeline.FilterSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Reads and validates a gateway's YAML configuration. Every failure becomes one
 * {@link GatewayConfigException} whose message names the file, the path inside it and what was expected:
 * <pre>gw.yaml: readers[1].antennas[0].readPoint.side: expected one of OUTSIDE, INSIDE, was "OUT"</pre>
 * Unknown keys, duplicate keys, fractions where whole numbers belong and durations without a unit are
 * errors, not guesses.
 */
public final class GatewayConfigLoader {
  /** A configuration file is small; anything larger is a mistake. */
  public static final int MAX_FILE_BYTES = 1 << 20;

  private static final ObjectMapper MAPPER = YAMLMapper.builder(YAMLFactory.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
      .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
      .addMixIn(FilterSettings.class, FilterSettingsMixin.Settings.class)
      .addMixIn(FilterSettings.Builder.class, FilterSettingsMixin.Builder.class)
      .addModule(new SimpleModule("tagflow-config").addDeserializer(Duration.class, new DurationDeserializer()))
      .build();

  private GatewayConfigLoader() {
  }

  /** Loads {@code file}; a relative outbox directory resolves against the file's directory. */
  public static GatewayConfig load(Path file) throws GatewayConfigException {
    String name = file.toString();
    String yaml;
    // Read at most one byte past the limit: a pipe or device (--config <(...), /dev/zero) has no size.
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
      if (bytes.length > MAX_FILE_BYTES) {
        throw new GatewayConfigException(name + ": larger than " + MAX_FILE_BYTES + " bytes; not a gateway configuration");
      }
      yaml = new String(bytes, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new GatewayConfigException(name + ": file not found");
    } catch (IOException e) {
      throw new GatewayConfigException(name + ": cannot be read: " + e.getMessage());
    }
    GatewayConfig config = parse(yaml, name);
    Path dir = config.outbox().directory();
    if (!dir.isAbsolute()) {
      Path base = file.toAbsolutePath().getParent();
      OutboxConfig o = config.outbox();
      config = config.withOutbox(new OutboxConfig(base.resolve(dir).normalize(), o.quota(), o.segmentSize()));
    }
    return config;
  }

  /**
   * Parses YAML text.
   *
   * @param source the name used in error messages, normally the file name
   */
  public static GatewayConfig parse(String yaml, String source) throws GatewayConfigException {
    GatewayConfig config;
    try {
      JsonNode tree = MAPPER.readTree(yaml);
      if (tree == null || tree.isMissingNode() || tree.isNull()) {
        throw new GatewayConfigException(source + ": the file is empty; expected site, gateway, readers, mqtt and outbox");
      }
      config = MAPPER.readerFor(GatewayConfig.class).readValue(tree);
    } catch (JsonProcessingException e) {
      throw new GatewayConfigException(source + ": " + ConfigErrors.describe(e));
    } catch (IOException e) {
      throw new GatewayConfigException(source + ": cannot be read: " + e.getMessage());
    } catch (ConfigProblem e) {
      throw new GatewayConfigException(source + ": " + (e.field() == null ? "" : e.field() + ": ") + e.getMessage());
    }
    for (int i = 0; i < config.readers().size(); i++) {
      try {
        config.readers().get(i).toSettings();
      } catch (IllegalArgumentException e) {
        throw new GatewayConfigException(source + ": readers[" + i + "]: " + e.getMessage());
      }
    }
    return config;
  }
}
