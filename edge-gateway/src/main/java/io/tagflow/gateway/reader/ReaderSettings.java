package io.tagflow.gateway.reader;

import java.time.Duration;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Everything one reader session needs, validated once. Build it with {@link #builder(String, String)};
 * every setting not given takes the {@code DEFAULT_*} value documented here.
 *
 * <p>Reports: the gateway asks for a report after every {@link #reportEveryTags} tags or at the end of
 * each AISpec, which lasts {@link #reportPeriod} (LLRP 1.1 §10.2.2 AISpecStopTrigger Duration, §13.2.1
 * ROReportTrigger Upon_N_Tags_Or_End_Of_AISpec), whichever comes first.
 *
 * @param readerId unique name of the reader, used in logs and as the metrics tag {@code reader}
 * @param host reader address
 * @param port LLRP port, {@value #DEFAULT_PORT} by default (LLRP 1.1 §19.1)
 * @param antennas antennas to inventory, with their power and sensitivity table indexes
 * @param keepalivePeriod period of the reader's KEEPALIVE; three missed periods mean a dead link
 * @param session Gen2 session 0..3 (C1G2SingulationControl)
 * @param tagPopulation expected tags in the field (C1G2SingulationControl)
 * @param reportEveryTags report after this many tags (ROReportSpec N)
 * @param reportPeriod report at least this often (AISpec duration)
 * @param content optional fields each tag report carries
 * @param connectTimeout limit for the TCP connect, the connection event, and each response
 * @param backoffMin first reconnect delay
 * @param backoffMax largest reconnect delay
 * @param healthyAfter a session that ran this long resets the back-off
 */
public record ReaderSettings(String readerId, String host, int port, List<AntennaSettings> antennas,
                             Duration keepalivePeriod, int session, int tagPopulation, int reportEveryTags,
                             Duration reportPeriod, Set<ReportField> content, Duration connectTimeout,
                             Duration backoffMin, Duration backoffMax, Duration healthyAfter) {
  public static final int DEFAULT_PORT = 5084;
  public static final List<AntennaSettings> DEFAULT_ANTENNAS = List.of(AntennaSettings.of(1));
  public static final Duration DEFAULT_KEEPALIVE_PERIOD = Duration.ofSeconds(10);
  public static final int DEFAULT_SESSION = 1;
  public static final int DEFAULT_TAG_POPULATION = 32;
  public static final int DEFAULT_REPORT_EVERY_TAGS = 100;
  public static final Duration DEFAULT_REPORT_PERIOD = Duration.ofMillis(500);
  public static final Set<ReportField> DEFAULT_CONTENT = Set.copyOf(EnumSet.of(ReportField.ANTENNA_ID,
      ReportField.PEAK_RSSI, ReportField.FIRST_SEEN_TIMESTAMP, ReportField.LAST_SEEN_TIMESTAMP, ReportField.TAG_SEEN_COUNT));
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_BACKOFF_MIN = Duration.ofSeconds(1);
  public static final Duration DEFAULT_BACKOFF_MAX = Duration.ofSeconds(60);
  public static final Duration DEFAULT_HEALTHY_AFTER = Duration.ofSeconds(30);

  private static final Pattern READER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  /** LLRP durations and periods are 32-bit milliseconds. */
  private static final long MAX_MILLIS = 0xFFFF_FFFFL;

  public ReaderSettings {
    if (readerId == null || !READER_ID.matcher(readerId).matches()) {
      throw new IllegalArgumentException("readerId must be 1-64 letters, digits, '.', '_' or '-', was '" + readerId + "'");
    }
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("host must not be blank (reader " + readerId + ")");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1..65535, was " + port);
    }
    if (antennas == null || antennas.isEmpty()) {
      throw new IllegalArgumentException("antennas must not be empty");
    }
    Set<Integer> ids = new HashSet<>();
    for (AntennaSettings antenna : antennas) {
      if (!ids.add(antenna.id())) {
        throw new IllegalArgumentException("antennas must not repeat antenna " + antenna.id());
      }
    }
    millis("keepalivePeriod", keepalivePeriod);
    if (session < 0 || session > 3) {
      throw new IllegalArgumentException("session must be 0..3, was " + session);
    }
    if (tagPopulation < 1 || tagPopulation > 0xFFFF) {
      throw new IllegalArgumentException("tagPopulation must be 1..65535, was " + tagPopulation);
    }
    if (reportEveryTags < 1 || reportEveryTags > 0xFFFF) {
      throw new IllegalArgumentException("reportEveryTags must be 1..65535, was " + reportEveryTags);
    }
    millis("reportPeriod", reportPeriod);
    if (content == null) {
      throw new IllegalArgumentException("content must not be null (use an empty set for EPC only)");
    }
    content = content.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(content));
    millis("connectTimeout", connectTimeout);
    millis("backoffMin", backoffMin);
    millis("backoffMax", backoffMax);
    if (backoffMax.compareTo(backoffMin) < 0) {
      throw new IllegalArgumentException("backoffMax must not be below backoffMin");
    }
    millis("healthyAfter", healthyAfter);
  }

  private static void millis(String name, Duration value) {
    if (value == null || value.isNegative() || value.toMillis() < 1) {
      throw new IllegalArgumentException(name + " must be positive (at least 1 ms), was " + value);
    }
    if (value.toMillis() > MAX_MILLIS) {
      throw new IllegalArgumentException(name + " must fit LLRP's 32-bit milliseconds, was " + value);
    }
  }

  /** A builder with every default set; {@link Builder#build()} validates. */
  public static Builder builder(String readerId, String host) {
    return new Builder(readerId, host);
  }

  /** A copy that differs in the given settings. */
  public Builder toBuilder() {
    return new Builder(readerId, host).port(port).antennas(antennas).keepalivePeriod(keepalivePeriod)
        .session(session).tagPopulation(tagPopulation).reportEveryTags(reportEveryTags).reportPeriod(reportPeriod)
        .content(content).connectTimeout(connectTimeout).backoff(backoffMin, backoffMax).healthyAfter(healthyAfter);
  }

  /** Collects settings; nothing is checked until {@link #build()}. */
  public static final class Builder {
    private final String readerId;
    private final String host;
    private int port = DEFAULT_PORT;
    private List<AntennaSettings> antennas = DEFAULT_ANTENNAS;
    private Duration keepalivePeriod = DEFAULT_KEEPALIVE_PERIOD;
    private int session = DEFAULT_SESSION;
    private int tagPopulation = DEFAULT_TAG_POPULATION;
    private int reportEveryTags = DEFAULT_REPORT_EVERY_TAGS;
    private Duration reportPeriod = DEFAULT_REPORT_PERIOD;
    private Set<ReportField> content = DEFAULT_CONTENT;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration backoffMin = DEFAULT_BACKOFF_MIN;
    private Duration backoffMax = DEFAULT_BACKOFF_MAX;
    private Duration healthyAfter = DEFAULT_HEALTHY_AFTER;

    private Builder(String readerId, String host) {
      this.readerId = readerId;
      this.host = host;
    }

    public Builder port(int port) {
      this.port = port;
      return this;
    }

    public Builder antennas(List<AntennaSettings> antennas) {
      this.antennas = antennas;
      return this;
    }

    public Builder keepalivePeriod(Duration keepalivePeriod) {
      this.keepalivePeriod = keepalivePeriod;
      return this;
    }

    public Builder session(int session) {
      this.session = session;
      return this;
    }

    public Builder tagPopulation(int tagPopulation) {
      this.tagPopulation = tagPopulation;
      return this;
    }

    public Builder reportEveryTags(int reportEveryTags) {
      this.reportEveryTags = reportEveryTags;
      return this;
    }

    public Builder reportPeriod(Duration reportPeriod) {
      this.reportPeriod = reportPeriod;
      return this;
    }

    public Builder content(Set<ReportField> content) {
      this.content = content;
      return this;
    }

    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
      return this;
    }

    public Builder backoff(Duration min, Duration max) {
      this.backoffMin = min;
      this.backoffMax = max;
      return this;
    }

    public Builder healthyAfter(Duration healthyAfter) {
      this.healthyAfter = healthyAfter;
      return this;
    }

    /** @throws IllegalArgumentException naming the first bad setting */
    public ReaderSettings build() {
      return new ReaderSettings(readerId, host, port, antennas, keepalivePeriod, session, tagPopulation,
          reportEveryTags, reportPeriod, content, connectTimeout, backoffMin, backoffMax, healthyAfter);
    }
  }
}
