package io.tagflow.gateway.pipeline;

import java.time.Duration;
import java.util.Objects;

/**
 * Every tunable of the filter pipeline, with documented defaults. Immutable; the constructor
 * validates every value and throws {@link IllegalArgumentException} naming the bad setting
 * ("absenceTimeout must be positive"). Start from {@link #defaults()} or {@link #builder()}.
 *
 * <p>The defaults suit a dock door with two antennas per side at 2-3 m, forklift speed (1-3 m/s),
 * readers in dual-target session 1 reporting every 100-250 ms.
 *
 * @param minRssiDbm Admission: reads weaker than this (dBm) are dropped, unless the antenna has
 *     its own minimum.
 * @param arrivalReads Smoothing: reads within {@code arrivalWindow} that make a tag arrive at a
 *     read point (1..16).
 * @param arrivalWindow Smoothing: the window for {@code arrivalReads}.
 * @param strongReadRssiDbm Smoothing: one read at least this strong (dBm) makes the tag arrive at
 *     once. Arbitration: a movement is emitted only if one of its tags was read this strong on both
 *     sides of the door (it passed close to both sides' antennas).
 * @param absenceTimeout Smoothing: a tag departs a read point after this long without reads there.
 * @param presenceRssiDbm Portal: a side counts as evidence only if its peak read reaches this
 *     (dBm).
 * @param minSideReads Portal: reads a side needs to count as evidence.
 * @param hysteresisDb Portal: lead (dB) one side's smoothed RSSI needs over the other's for a
 *     threshold transition (EdgeX MobilityProfileThreshold).
 * @param holdOff Portal: the full hysteresis applies for this long after the other side's last
 *     read, then decays (EdgeX MobilityProfileHoldoffMillis).
 * @param hysteresisDecayDbPerSecond Portal: how fast the required lead decays after {@code
 *     holdOff} (EdgeX slope 0.008 dB/ms).
 * @param rssiSmoothing Portal: time constant of each side's exponentially smoothed RSSI.
 * @param minCentroidGap Portal: the two sides' RSSI-weighted time centroids must be at least this
 *     far apart to call a direction.
 * @param minSeparation Portal: the centroid gap divided by the sides' power-weighted time spread
 *     (d') must reach this; it tells a tag carried through from one standing between the antennas.
 * @param minConfidence Portal: crossings below this confidence (0..1) are staged as ambiguous
 *     instead.
 * @param dwellLimit Portal: a tag at a door this long is reported staged (it may still cross
 *     later).
 * @param crossingSettle Portal: a passage whose threshold transitions went from one side to the
 *     other is judged this long after the last transition, while the tag is still at the door (a
 *     pallet set down in a lane behind it): the crossing is decided within seconds, not when the
 *     tag leaves. Zero turns early judgement off (a passage is judged when it ends). Default 2 s.
 * @param arbitrationWindow Grouping and arbitration: the longest a quiet movement waits for tags
 *     that arrived with it and are still passing; twice this, the longest it waits for a movement at
 *     another door that shares its tags.
 * @param arbitrationHysteresisDb Arbitration: how much stronger (dB of summed read power over the
 *     tags they share) the smaller of two movements must be to take the shared tags.
 * @param zoneMarginDb Zone: lead (dB) a zone's smoothed RSSI needs over the current bin to take
 *     over.
 * @param zoneHoldOff Zone: how long a zone must keep that lead before the bin changes.
 * @param zoneSmoothing Zone: time constant of the per-zone smoothed RSSI.
 * @param groupGap Grouping: crossings whose passage times, or first reads at the door, are this
 *     close join one movement.
 * @param quietGap Grouping: a movement is ready after this long without a new crossing (and once
 *     no tag that arrived with it is still passing).
 * @param tagRetention Memory: a tag absent from every read point this long is forgotten.
 * @param maxTags Memory: the most tags tracked at once; reads of further new tags are dropped and
 *     counted.
 */
public record FilterSettings(double minRssiDbm,
                             int arrivalReads,
                             Duration arrivalWindow,
                             double strongReadRssiDbm,
                             Duration absenceTimeout,
                             double presenceRssiDbm,
                             int minSideReads,
                             double hysteresisDb,
                             Duration holdOff,
                             double hysteresisDecayDbPerSecond,
                             Duration rssiSmoothing,
                             Duration minCentroidGap,
                             double minSeparation,
                             double minConfidence,
                             Duration dwellLimit,
                             Duration crossingSettle,
                             Duration arbitrationWindow,
                             double arbitrationHysteresisDb,
                             double zoneMarginDb,
                             Duration zoneHoldOff,
                             Duration zoneSmoothing,
                             Duration groupGap,
                             Duration quietGap,
                             Duration tagRetention,
                             int maxTags) {

  /** Default of {@code minRssiDbm}. */
  public static final double DEFAULT_MIN_RSSI_DBM = -80.0;

  /** Default of {@code arrivalReads}. */
  public static final int DEFAULT_ARRIVAL_READS = 2;

  /** Default of {@code arrivalWindow}. */
  public static final Duration DEFAULT_ARRIVAL_WINDOW = Duration.ofSeconds(1);

  /** Default of {@code strongReadRssiDbm}. */
  public static final double DEFAULT_STRONG_READ_RSSI_DBM = -50.0;

  /** Default of {@code absenceTimeout}. */
  public static final Duration DEFAULT_ABSENCE_TIMEOUT = Duration.ofSeconds(2);

  /** Default of {@code presenceRssiDbm}. */
  public static final double DEFAULT_PRESENCE_RSSI_DBM = -65.0;

  /** Default of {@code minSideReads}. */
  public static final int DEFAULT_MIN_SIDE_READS = 2;

  /** Default of {@code hysteresisDb}. */
  public static final double DEFAULT_HYSTERESIS_DB = 6.0;

  /** Default of {@code holdOff}. */
  public static final Duration DEFAULT_HOLD_OFF = Duration.ofMillis(500);

  /** Default of {@code hysteresisDecayDbPerSecond}. */
  public static final double DEFAULT_HYSTERESIS_DECAY_DB_PER_SECOND = 8.0;

  /** Default of {@code rssiSmoothing}. */
  public static final Duration DEFAULT_RSSI_SMOOTHING = Duration.ofMillis(250);

  /** Default of {@code minCentroidGap}. */
  public static final Duration DEFAULT_MIN_CENTROID_GAP = Duration.ofMillis(150);

  /** Default of {@code minSeparation}. */
  public static final double DEFAULT_MIN_SEPARATION = 0.5;

  /** Default of {@code minConfidence}. */
  public static final double DEFAULT_MIN_CONFIDENCE = 0.6;

  /** Default of {@code dwellLimit}. */
  public static final Duration DEFAULT_DWELL_LIMIT = Duration.ofSeconds(30);

  /** Default of {@code crossingSettle}. */
  public static final Duration DEFAULT_CROSSING_SETTLE = Duration.ofSeconds(2);

  /** Default of {@code arbitrationWindow}. */
  public static final Duration DEFAULT_ARBITRATION_WINDOW = Duration.ofSeconds(30);

  /** Default of {@code arbitrationHysteresisDb}. */
  public static final double DEFAULT_ARBITRATION_HYSTERESIS_DB = 3.0;

  /** Default of {@code zoneMarginDb}. */
  public static final double DEFAULT_ZONE_MARGIN_DB = 4.0;

  /** Default of {@code zoneHoldOff}. */
  public static final Duration DEFAULT_ZONE_HOLD_OFF = Duration.ofSeconds(5);

  /** Default of {@code zoneSmoothing}. */
  public static final Duration DEFAULT_ZONE_SMOOTHING = Duration.ofSeconds(2);

  /** Default of {@code groupGap}. */
  public static final Duration DEFAULT_GROUP_GAP = Duration.ofMillis(1500);

  /** Default of {@code quietGap}. */
  public static final Duration DEFAULT_QUIET_GAP = Duration.ofSeconds(3);

  /** Default of {@code tagRetention}. */
  public static final Duration DEFAULT_TAG_RETENTION = Duration.ofMinutes(10);

  /** Default of {@code maxTags}. */
  public static final int DEFAULT_MAX_TAGS = 100_000;

  public FilterSettings {
    rssi("minRssiDbm", minRssiDbm);
    range("arrivalReads", arrivalReads, 1, 16);
    positive("arrivalWindow", arrivalWindow);
    rssi("strongReadRssiDbm", strongReadRssiDbm);
    positive("absenceTimeout", absenceTimeout);
    rssi("presenceRssiDbm", presenceRssiDbm);
    range("minSideReads", minSideReads, 1, 1000);
    nonNegative("hysteresisDb", hysteresisDb);
    notNegative("holdOff", holdOff);
    nonNegative("hysteresisDecayDbPerSecond", hysteresisDecayDbPerSecond);
    positive("rssiSmoothing", rssiSmoothing);
    notNegative("minCentroidGap", minCentroidGap);
    nonNegative("minSeparation", minSeparation);
    if (!(minConfidence >= 0 && minConfidence <= 1)) {
      throw new IllegalArgumentException("minConfidence must be between 0 and 1, was " + minConfidence);
    }
    positive("dwellLimit", dwellLimit);
    if (dwellLimit.compareTo(absenceTimeout) <= 0) {
      throw new IllegalArgumentException("dwellLimit must be longer than absenceTimeout");
    }
    notNegative("crossingSettle", crossingSettle);
    notNegative("arbitrationWindow", arbitrationWindow);
    nonNegative("arbitrationHysteresisDb", arbitrationHysteresisDb);
    nonNegative("zoneMarginDb", zoneMarginDb);
    notNegative("zoneHoldOff", zoneHoldOff);
    positive("zoneSmoothing", zoneSmoothing);
    notNegative("groupGap", groupGap);
    positive("quietGap", quietGap);
    positive("tagRetention", tagRetention);
    if (tagRetention.compareTo(absenceTimeout) < 0) {
      throw new IllegalArgumentException("tagRetention must be at least absenceTimeout");
    }
    range("maxTags", maxTags, 1, 10_000_000);
  }

  /** All defaults. */
  public static FilterSettings defaults() {
    return builder().build();
  }

  /** A builder holding the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these settings. */
  public Builder toBuilder() {
    Builder b = new Builder();

    b.minRssiDbm = minRssiDbm;
    b.arrivalReads = arrivalReads;
    b.arrivalWindow = arrivalWindow;
    b.strongReadRssiDbm = strongReadRssiDbm;
    b.absenceTimeout = absenceTimeout;
    b.presenceRssiDbm = presenceRssiDbm;
    b.minSideReads = minSideReads;
    b.hysteresisDb = hysteresisDb;
    b.holdOff = holdOff;
    b.hysteresisDecayDbPerSecond = hysteresisDecayDbPerSecond;
    b.rssiSmoothing = rssiSmoothing;
    b.minCentroidGap = minCentroidGap;
    b.minSeparation = minSeparation;
    b.minConfidence = minConfidence;
    b.dwellLimit = dwellLimit;
    b.crossingSettle = crossingSettle;
    b.arbitrationWindow = arbitrationWindow;
    b.arbitrationHysteresisDb = arbitrationHysteresisDb;
    b.zoneMarginDb = zoneMarginDb;
    b.zoneHoldOff = zoneHoldOff;
    b.zoneSmoothing = zoneSmoothing;
    b.groupGap = groupGap;
    b.quietGap = quietGap;
    b.tagRetention = tagRetention;
    b.maxTags = maxTags;
    return b;
  }

  private static void rssi(String name, double dbm) {
    if (!(dbm >= -128 && dbm <= 20)) {
      throw new IllegalArgumentException(name + " must be between -128 and 20 dBm, was " + dbm);
    }
  }

  private static void nonNegative(String name, double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be a finite value >= 0, was " + value);
    }
  }

  private static void range(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(name + " must be between " + min + " and " + max
          + ", was " + value);
    }
  }

  private static void positive(String name, Duration d) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + d);
    }
  }

  private static void notNegative(String name, Duration d) {
    Objects.requireNonNull(d, name);
    if (d.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative, was " + d);
    }
  }

  /** Mutable holder for building settings; {@link #build()} validates. */
  public static final class Builder {
    private double minRssiDbm = DEFAULT_MIN_RSSI_DBM;
    private int arrivalReads = DEFAULT_ARRIVAL_READS;
    private Duration arrivalWindow = DEFAULT_ARRIVAL_WINDOW;
    private double strongReadRssiDbm = DEFAULT_STRONG_READ_RSSI_DBM;
    private Duration absenceTimeout = DEFAULT_ABSENCE_TIMEOUT;
    private double presenceRssiDbm = DEFAULT_PRESENCE_RSSI_DBM;
    private int minSideReads = DEFAULT_MIN_SIDE_READS;
    private double hysteresisDb = DEFAULT_HYSTERESIS_DB;
    private Duration holdOff = DEFAULT_HOLD_OFF;
    private double hysteresisDecayDbPerSecond = DEFAULT_HYSTERESIS_DECAY_DB_PER_SECOND;
    private Duration rssiSmoothing = DEFAULT_RSSI_SMOOTHING;
    private Duration minCentroidGap = DEFAULT_MIN_CENTROID_GAP;
    private double minSeparation = DEFAULT_MIN_SEPARATION;
    private double minConfidence = DEFAULT_MIN_CONFIDENCE;
    private Duration dwellLimit = DEFAULT_DWELL_LIMIT;
    private Duration crossingSettle = DEFAULT_CROSSING_SETTLE;
    private Duration arbitrationWindow = DEFAULT_ARBITRATION_WINDOW;
    private double arbitrationHysteresisDb = DEFAULT_ARBITRATION_HYSTERESIS_DB;
    private double zoneMarginDb = DEFAULT_ZONE_MARGIN_DB;
    private Duration zoneHoldOff = DEFAULT_ZONE_HOLD_OFF;
    private Duration zoneSmoothing = DEFAULT_ZONE_SMOOTHING;
    private Duration groupGap = DEFAULT_GROUP_GAP;
    private Duration quietGap = DEFAULT_QUIET_GAP;
    private Duration tagRetention = DEFAULT_TAG_RETENTION;
    private int maxTags = DEFAULT_MAX_TAGS;

    private Builder() {
    }

    public Builder minRssiDbm(double minRssiDbm) {
      this.minRssiDbm = minRssiDbm;
      return this;
    }

    public Builder arrivalReads(int arrivalReads) {
      this.arrivalReads = arrivalReads;
      return this;
    }

    public Builder arrivalWindow(Duration arrivalWindow) {
      this.arrivalWindow = arrivalWindow;
      return this;
    }

    public Builder strongReadRssiDbm(double strongReadRssiDbm) {
      this.strongReadRssiDbm = strongReadRssiDbm;
      return this;
    }

    public Builder absenceTimeout(Duration absenceTimeout) {
      this.absenceTimeout = absenceTimeout;
      return this;
    }

    public Builder presenceRssiDbm(double presenceRssiDbm) {
      this.presenceRssiDbm = presenceRssiDbm;
      return this;
    }

    public Builder minSideReads(int minSideReads) {
      this.minSideReads = minSideReads;
      return this;
    }

    public Builder hysteresisDb(double hysteresisDb) {
      this.hysteresisDb = hysteresisDb;
      return this;
    }

    public Builder holdOff(Duration holdOff) {
      this.holdOff = holdOff;
      return this;
    }

    public Builder hysteresisDecayDbPerSecond(double hysteresisDecayDbPerSecond) {
      this.hysteresisDecayDbPerSecond = hysteresisDecayDbPerSecond;
      return this;
    }

    public Builder rssiSmoothing(Duration rssiSmoothing) {
      this.rssiSmoothing = rssiSmoothing;
      return this;
    }

    public Builder minCentroidGap(Duration minCentroidGap) {
      this.minCentroidGap = minCentroidGap;
      return this;
    }

    public Builder minSeparation(double minSeparation) {
      this.minSeparation = minSeparation;
      return this;
    }

    public Builder minConfidence(double minConfidence) {
      this.minConfidence = minConfidence;
      return this;
    }

    public Builder dwellLimit(Duration dwellLimit) {
      this.dwellLimit = dwellLimit;
      return this;
    }

    public Builder crossingSettle(Duration crossingSettle) {
      this.crossingSettle = crossingSettle;
      return this;
    }

    public Builder arbitrationWindow(Duration arbitrationWindow) {
      this.arbitrationWindow = arbitrationWindow;
      return this;
    }

    public Builder arbitrationHysteresisDb(double arbitrationHysteresisDb) {
      this.arbitrationHysteresisDb = arbitrationHysteresisDb;
      return this;
    }

    public Builder zoneMarginDb(double zoneMarginDb) {
      this.zoneMarginDb = zoneMarginDb;
      return this;
    }

    public Builder zoneHoldOff(Duration zoneHoldOff) {
      this.zoneHoldOff = zoneHoldOff;
      return this;
    }

    public Builder zoneSmoothing(Duration zoneSmoothing) {
      this.zoneSmoothing = zoneSmoothing;
      return this;
    }

    public Builder groupGap(Duration groupGap) {
      this.groupGap = groupGap;
      return this;
    }

    public Builder quietGap(Duration quietGap) {
      this.quietGap = quietGap;
      return this;
    }

    public Builder tagRetention(Duration tagRetention) {
      this.tagRetention = tagRetention;
      return this;
    }

    public Builder maxTags(int maxTags) {
      this.maxTags = maxTags;
      return this;
    }

    /** The settings; throws {@link IllegalArgumentException} naming the first bad one. */
    public FilterSettings build() {
      return new FilterSettings(minRssiDbm, arrivalReads, arrivalWindow, strongReadRssiDbm, absenceTimeout,
          presenceRssiDbm, minSideReads, hysteresisDb, holdOff, hysteresisDecayDbPerSecond,
          rssiSmoothing, minCentroidGap, minSeparation, minConfidence, dwellLimit, crossingSettle,
          arbitrationWindow, arbitrationHysteresisDb, zoneMarginDb, zoneHoldOff, zoneSmoothing,
          groupGap, quietGap, tagRetention, maxTags);
    }
  }
}
