package io.tagflow.sim.truth;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;
import java.util.List;

/**
 * One true event of a scene, known exactly because the scene moved the pallet itself. One JSON line
 * each in a truth file, tagged by {@code "type"} (docs/scenarios.md, "Ground truth").
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = DoorCrossing.class, name = "crossing"),
    @JsonSubTypes.Type(value = BinPlacement.class, name = "placement")})
public sealed interface TruthEvent permits DoorCrossing, BinPlacement {
  /** When it happened. */
  Instant at();

  /** When it happened, microseconds of virtual time since the scenario start. */
  long atMicros();

  /** The pallet id of the scenario (generated pallets have generated ids). */
  String pallet();

  /** The pallet's 18-digit SSCC. */
  String sscc();

  /** The lots of its cases. */
  List<String> lots();

  /** Every tag on the pallet as 24 upper-case hex digits, the SSCC label first. */
  List<String> epcs();
}
