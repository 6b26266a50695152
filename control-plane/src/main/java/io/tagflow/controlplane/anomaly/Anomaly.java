package io.tagflow.controlplane.anomaly;

import io.tagflow.controlplane.model.Ids;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One raised anomaly.
 *
 * @param id stable id derived from type, site and the triggering key (see {@link Builder#key})
 * @param type what went wrong
 * @param severity how urgent
 * @param site site id
 * @param door door id, nullable
 * @param bin bin or read-point id, nullable
 * @param lotId lot id, nullable
 * @param epcs the EPCs involved (at most {@link #MAX_EPCS}; empty when none)
 * @param at event time of the triggering event
 * @param detail one human sentence
 * @param status current status
 * @param statusBy who set the current status ({@code "system"} when raised)
 * @param statusAt when the current status was set
 */
public record Anomaly(String id, AnomalyType type, Severity severity, String site, String door, String bin,
    String lotId, List<String> epcs, Instant at, String detail, AnomalyStatus status, String statusBy,
    Instant statusAt) {
  /** EPC lists are cut to this many so one huge movement cannot make a huge anomaly row. */
  public static final int MAX_EPCS = 200;
  /** The {@code statusBy} of anomalies the system raised or resolved. */
  public static final String SYSTEM = "system";

  public Anomaly {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(severity, "severity");
    Ids.require("site", site);
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(statusBy, "statusBy");
    Objects.requireNonNull(statusAt, "statusAt");
    epcs = epcs == null ? List.of() : List.copyOf(epcs.size() > MAX_EPCS ? epcs.subList(0, MAX_EPCS) : epcs);
  }

  /** Starts an open anomaly of {@code type} at {@code site}, raised by the triggering event at {@code at}. */
  public static Builder builder(AnomalyType type, String site, Instant at) {
    return new Builder(type, site, at);
  }

  /** This anomaly moved to {@code next} by {@code by} at {@code when}. */
  public Anomaly withStatus(AnomalyStatus next, String by, Instant when) {
    return new Anomaly(id, type, severity, site, door, bin, lotId, epcs, at, detail, next, by, when);
  }

  /** Collects an anomaly's optional parts; {@link #build} derives the id. */
  public static final class Builder {
    private final AnomalyType type;
    private final String site;
    private final Instant at;
    private Severity severity = Severity.WARNING;
    private String key;
    private String door;
    private String bin;
    private String lotId;
    private List<String> epcs = List.of();
    private String detail = "";

    private Builder(AnomalyType type, String site, Instant at) {
      this.type = Objects.requireNonNull(type, "type");
      this.site = site;
      this.at = Objects.requireNonNull(at, "at");
    }

    /**
     * What makes this anomaly the same one when its event is seen again, e.g. the movement id plus the
     * lot. Two builds with the same type, site and key have the same id. Required.
     */
    public Builder key(String key) {
      this.key = key;
      return this;
    }

    public Builder severity(Severity severity) {
      this.severity = severity;
      return this;
    }

    public Builder door(String door) {
      this.door = door;
      return this;
    }

    public Builder bin(String bin) {
      this.bin = bin;
      return this;
    }

    public Builder lot(String lotId) {
      this.lotId = lotId;
      return this;
    }

    public Builder epcs(List<String> epcs) {
      this.epcs = epcs;
      return this;
    }

    public Builder detail(String detail) {
      this.detail = detail;
      return this;
    }

    /** An open anomaly raised by the system at event time. */
    public Anomaly build() {
      Objects.requireNonNull(key, "key");
      String id = UUID.nameUUIDFromBytes((type.wire() + '\n' + site + '\n' + key).getBytes(StandardCharsets.UTF_8))
          .toString();
      return new Anomaly(id, type, severity, site, door, bin, lotId, epcs, at, detail, AnomalyStatus.OPEN,
          SYSTEM, at);
    }
  }
}
