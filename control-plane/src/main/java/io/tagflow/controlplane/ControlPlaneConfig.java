package io.tagflow.controlplane;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.tagflow.controlplane.live.LiveLimits;
import io.tagflow.controlplane.model.SiteLayout;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Everything the control plane is configured with: one YAML file, any part of which may be left out
 * (its {@code DEFAULT_*} applies), then environment overrides.
 *
 * <pre>
 * http:      { host: 127.0.0.1, port: 8080, bodyLimitBytes: 2097152 }
 * database:  { url: jdbc:postgresql://127.0.0.1:5432/tagflow, user: tagflow, password: ..., poolSize: 8 }
 * mqtt:      { uri: tcp://127.0.0.1:1883, topicPrefix: "", clientId: tagflow-control-plane }
 * anomalies: { doorDwellSeconds: 900 }
 * live:      { shippedRetentionSeconds: 21600, maxTagsPerSite: 2000000 }
 * sites:
 *   - id: dc1
 *     enforceAuthorisations: true
 *     doors: [ { id: door-1, stagingPoints: [ stage-1 ], x: 0, y: 30 } ]
 *     bins:  [ { id: A-01, capacity: 40, x: 2.5, y: 4 } ]   # x/y: metres on the map, optional
 * </pre>
 *
 * <p>Environment overrides, applied after the file: {@value #ENV_HTTP_HOST}, {@value #ENV_HTTP_PORT},
 * {@value #ENV_PG_URL}, {@value #ENV_PG_USER}, {@value #ENV_PG_PASSWORD}, {@value #ENV_MQTT_URI}.
 */
public record ControlPlaneConfig(Http http, Database database, Mqtt mqtt, Anomalies anomalies,
    List<SiteLayout> sites, Live live) {
  public static final String ENV_HTTP_HOST = "TAGFLOW_CP_HTTP_HOST";
  public static final String ENV_HTTP_PORT = "TAGFLOW_CP_HTTP_PORT";
  public static final String ENV_PG_URL = "TAGFLOW_CP_PG_URL";
  public static final String ENV_PG_USER = "TAGFLOW_CP_PG_USER";
  public static final String ENV_PG_PASSWORD = "TAGFLOW_CP_PG_PASSWORD";
  public static final String ENV_MQTT_URI = "TAGFLOW_CP_MQTT_URI";
  /** Larger than any site layout written by hand (10,000 bins take about 0.5 MB). */
  public static final int MAX_FILE_BYTES = 4 * 1024 * 1024;

  @JsonCreator
  public ControlPlaneConfig {
    live = live == null ? new Live(null, null) : live;
    http = http == null ? new Http(null, null, null) : http;
    database = database == null ? new Database(null, null, null, null) : database;
    mqtt = mqtt == null ? new Mqtt(null, null, null) : mqtt;
    anomalies = anomalies == null ? new Anomalies(null) : anomalies;
    sites = sites == null ? List.of() : List.copyOf(sites);
    Set<String> ids = new HashSet<>();
    for (SiteLayout s : sites) {
      if (!ids.add(s.id())) {
        throw new IllegalArgumentException("site " + s.id() + " is declared twice");
      }
    }
  }

  /** The default live-state limits. */
  public ControlPlaneConfig(Http http, Database database, Mqtt mqtt, Anomalies anomalies, List<SiteLayout> sites) {
    this(http, database, mqtt, anomalies, sites, null);
  }

  /** All defaults, no sites. */
  public static ControlPlaneConfig defaults() {
    return new ControlPlaneConfig(null, null, null, null, null, null);
  }

  /** How much live state each site keeps in memory ({@link LiveLimits}). */
  public record Live(Integer shippedRetentionSeconds, Integer maxTagsPerSite) {
    public static final int DEFAULT_SHIPPED_RETENTION_SECONDS =
        (int) LiveLimits.DEFAULT_SHIPPED_RETENTION.toSeconds();
    public static final int DEFAULT_MAX_TAGS_PER_SITE = LiveLimits.DEFAULT_MAX_TAGS_PER_SITE;

    public Live {
      shippedRetentionSeconds = shippedRetentionSeconds == null ? DEFAULT_SHIPPED_RETENTION_SECONDS
          : shippedRetentionSeconds;
      maxTagsPerSite = maxTagsPerSite == null ? DEFAULT_MAX_TAGS_PER_SITE : maxTagsPerSite;
      if (shippedRetentionSeconds <= 0) {
        throw new IllegalArgumentException("shippedRetentionSeconds must be positive (got " + shippedRetentionSeconds
            + ")");
      }
      if (maxTagsPerSite <= 0) {
        throw new IllegalArgumentException("maxTagsPerSite must be positive (got " + maxTagsPerSite + ")");
      }
    }

    public LiveLimits limits() {
      return new LiveLimits(Duration.ofSeconds(shippedRetentionSeconds), maxTagsPerSite);
    }
  }

  /** The HTTP API. */
  public record Http(String host, Integer port, Integer bodyLimitBytes) {
    /** Loopback only: exposing the API is a deliberate act. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    /** Largest request body accepted (a tag import of about 40,000 rows fits). */
    public static final int DEFAULT_BODY_LIMIT_BYTES = 2 * 1024 * 1024;

    public Http {
      host = host == null || host.isBlank() ? DEFAULT_HOST : host;
      port = port == null ? DEFAULT_PORT : port;
      bodyLimitBytes = bodyLimitBytes == null ? DEFAULT_BODY_LIMIT_BYTES : bodyLimitBytes;
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0 (any free port) to 65535 (got " + port + ")");
      }
      if (bodyLimitBytes < 1024) {
        throw new IllegalArgumentException("bodyLimitBytes must be at least 1024 (got " + bodyLimitBytes + ")");
      }
    }
  }

  /** The PostgreSQL store. {@link #toString} never shows the password. */
  public record Database(String url, String user, String password, Integer poolSize) {
    public static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/tagflow";
    /** None: the user comes from the URL ({@code ?user=...}) or the driver's default. */
    public static final String DEFAULT_USER = null;
    public static final int DEFAULT_POOL_SIZE = 8;

    public Database {
      url = url == null || url.isBlank() ? DEFAULT_URL : url;
      user = user == null || user.isBlank() ? DEFAULT_USER : user;
      poolSize = poolSize == null ? DEFAULT_POOL_SIZE : poolSize;
      if (!url.startsWith("jdbc:postgresql:")) {
        throw new IllegalArgumentException("url must be a jdbc:postgresql: URL (got '" + withoutParameters(url) + "')");
      }
      if (poolSize < 1 || poolSize > 200) {
        throw new IllegalArgumentException("poolSize must be 1 to 200 (got " + poolSize + ")");
      }
    }

    /**
     * The URL without its parameters ({@code ?user=...&password=...}), for messages and logs: the
     * parameters may hold a password.
     */
    public static String withoutParameters(String url) {
      int q = url.indexOf('?');
      return q < 0 ? url : url.substring(0, q) + "?...";
    }

    @Override
    public String toString() {
      return "Database[url=" + withoutParameters(url) + ", user=" + user + ", password=" + (password == null ? "none" : "***")
          + ", poolSize=" + poolSize + "]";
    }
  }

  /** The MQTT broker events arrive on. */
  public record Mqtt(String uri, String topicPrefix, String clientId) {
    public static final String DEFAULT_URI = "tcp://127.0.0.1:1883";
    /**
     * Stable across restarts, so the broker hands this instance's unacknowledged messages back (give each
     * instance its own when running several).
     */
    public static final String DEFAULT_CLIENT_ID = "tagflow-control-plane";
    /** Empty: topics are the contract's own, {@code tagflow/v1/...} ({@link io.tagflow.protocol.event.Topics}). */
    public static final String DEFAULT_TOPIC_PREFIX = "";

    public Mqtt {
      uri = uri == null || uri.isBlank() ? DEFAULT_URI : uri;
      topicPrefix = topicPrefix == null ? DEFAULT_TOPIC_PREFIX : topicPrefix;
      clientId = clientId == null || clientId.isBlank() ? DEFAULT_CLIENT_ID : clientId;
      if (!uri.matches("(tcp|ssl|ws|wss)://.+")) {
        throw new IllegalArgumentException("uri must start with tcp://, ssl://, ws:// or wss:// (got '" + uri + "')");
      }
      io.tagflow.protocol.event.Topics.under(topicPrefix);
    }
  }

  /** Anomaly rule settings. */
  public record Anomalies(Integer doorDwellSeconds) {
    /** A pallet at a door for 15 minutes without crossing is worth a look. */
    public static final int DEFAULT_DOOR_DWELL_SECONDS = 900;

    public Anomalies {
      doorDwellSeconds = doorDwellSeconds == null ? DEFAULT_DOOR_DWELL_SECONDS : doorDwellSeconds;
      if (doorDwellSeconds <= 0) {
        throw new IllegalArgumentException("doorDwellSeconds must be positive (got " + doorDwellSeconds + ")");
      }
    }
  }

  /**
   * Loads a configuration file and applies environment overrides.
   *
   * @param file the YAML file, or {@code null} for defaults only
   * @param env the environment (pass {@code System.getenv()})
   * @throws ConfigException naming the file or variable, the path inside the file and what was expected
   */
  public static ControlPlaneConfig load(Path file, Map<String, String> env) {
    ControlPlaneConfig fromFile = file == null ? defaults() : read(file);
    return fromFile.withOverrides(env);
  }

  private static ControlPlaneConfig read(Path file) {
    YAMLMapper mapper = YAMLMapper.builder()
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
        .disable(com.fasterxml.jackson.databind.MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .build();
    // Read at most one byte past the limit: a pipe or device (--config <(...), /dev/zero) has no size.
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
      if (bytes.length > MAX_FILE_BYTES) {
        throw new ConfigException(file + ": larger than " + MAX_FILE_BYTES + " bytes; not a control-plane configuration");
      }
      if (bytes.length == 0) {
        return defaults();
      }
      ControlPlaneConfig config = mapper.readValue(bytes, ControlPlaneConfig.class);
      return config == null ? defaults() : config;
    } catch (NoSuchFileException e) {
      throw new ConfigException(file + ": no such file");
    } catch (JsonMappingException e) {
      throw new ConfigException(file + ": at " + path(e) + ": " + reason(e));
    } catch (JsonProcessingException e) {
      var loc = e.getLocation();
      throw new ConfigException(file + ": not valid YAML" + (loc == null ? "" : " at line " + loc.getLineNr()
          + ", column " + loc.getColumnNr()) + ": " + e.getOriginalMessage().lines().findFirst().orElse(""));
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot be read: " + e.getMessage());
    }
  }

  /** {@code sites[0].bins[2].capacity}, or {@code (top level)}. */
  private static String path(JsonMappingException e) {
    StringBuilder b = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        b.append(b.length() == 0 ? "" : ".").append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        b.append('[').append(r.getIndex()).append(']');
      }
    }
    return b.length() == 0 ? "(top level)" : b.toString();
  }

  private static String reason(JsonMappingException e) {
    if (e instanceof UnrecognizedPropertyException u) {
      String known = u.getKnownPropertyIds() == null ? ""
          : " (expected one of " + u.getKnownPropertyIds().stream().map(String::valueOf).sorted()
              .collect(Collectors.joining(", ")) + ")";
      return "unknown setting '" + u.getPropertyName() + "'" + known;
    }
    if (e instanceof ValueInstantiationException && e.getCause() != null) {
      return e.getCause().getMessage();
    }
    if (e instanceof InvalidFormatException f) {
      return "expected " + describe(f.getTargetType()) + " (got '" + f.getValue() + "')";
    }
    if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
      return "expected " + describe(m.getTargetType());
    }
    return e.getOriginalMessage().lines().findFirst().orElse("invalid value");
  }

  private static String describe(Class<?> type) {
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "a whole number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a text value";
    }
    if (List.class.isAssignableFrom(type)) {
      return "a list";
    }
    return "a mapping of " + type.getSimpleName() + " settings";
  }

  /** This configuration with the environment overrides applied. */
  ControlPlaneConfig withOverrides(Map<String, String> env) {
    try {
      Http h = new Http(env.getOrDefault(ENV_HTTP_HOST, http.host()),
          env.containsKey(ENV_HTTP_PORT) ? parsePort(env.get(ENV_HTTP_PORT)) : http.port(), http.bodyLimitBytes());
      Database d = new Database(env.getOrDefault(ENV_PG_URL, database.url()),
          env.getOrDefault(ENV_PG_USER, database.user()), env.getOrDefault(ENV_PG_PASSWORD, database.password()),
          database.poolSize());
      Mqtt m = new Mqtt(env.getOrDefault(ENV_MQTT_URI, mqtt.uri()), mqtt.topicPrefix(), mqtt.clientId());
      return new ControlPlaneConfig(h, d, m, anomalies, sites, live);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("environment override (" + String.join(", ", env.keySet().stream()
          .filter(k -> k.startsWith("TAGFLOW_CP_")).sorted().toList()) + "): " + e.getMessage());
    }
  }

  private static int parsePort(String value) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(ENV_HTTP_PORT + " must be a whole number (got '" + value + "')");
    }
  }
}
