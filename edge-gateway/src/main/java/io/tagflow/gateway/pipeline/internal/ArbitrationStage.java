package io.tagflow.gateway.pipeline.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Stage 6, passage arbitration: one door and one direction per tag per passage, decided for the
 * whole passage rather than tag by tag.
 *
 * <p>Adjacent dock doors are a few metres apart and a reader at one often hears a pallet crossing
 * the next, on both sides and for the whole passage, so the neighbouring door's portal stage judges
 * many of the pallet's tags as crossings there too; a tag's own evidence at the two doors is often
 * within a few dB. Summed over the pallet's tags it is not: the door the pallet went through hears
 * most tags at short range. So grouping first builds one movement per door and direction, and this
 * stage resolves the movements that share tags, as a cluster (movements linked through shared tags),
 * once all of them are ready (see {@link GroupingStage}), or once the first has been quiet for twice
 * {@code arbitrationWindow} (then the ready ones are decided without the others).
 *
 * <p>First, a tag that an already emitted movement took through another door in a passage
 * overlapping this one is taken out of the movement ({@link #alreadyMoved}), and so is a tag that
 * came clearly closer to both sides of another door in an overlapping passage, whether or not that
 * door judged it crossing ({@link #closerElsewhere}). Then, for each pair
 * of movements of the cluster sharing tags, largest first, the shared tags stay
 * with the movement where those tags came closer to both sides' antennas: the summed linear power
 * of each crossing's weaker side peak ({@link Crossing#weakerPeakRssi()}). A tag going through a
 * door passes within a metre or two of both sides' antennas there; at the neighbouring door one
 * side at least stays several metres away. (Summed read power over the whole passage is a worse
 * measure: a pallet staged for 20 s in a lane between two doors piles up as much evidence at
 * either.) With hysteresis: the favoured movement is the one that gathered more tags, and the
 * other must beat it by {@code arbitrationHysteresisDb} on the shared tags to take them. A
 * movement without SSCC left at the same door and direction as a pallet's movement whose reads
 * overlap it joins that one (the SSCC rule had parted them). A movement left with fewer than half of
 * the tags it gathered was the shadow of a stronger passage and is dropped (counted in {@code
 * overruledByOtherDoor}); the others are emitted with the tags they kept.
 *
 * <p>Last, a movement is emitted only if at least one of its tags was read at {@code
 * strongReadRssiDbm} or more on <em>both</em> sides: something that went through the portal passed
 * within a couple of metres of both sides' antennas. A tag standing some metres from the door (a
 * staged pallet, goods in a neighbouring lane) is heard now and then on the far side through a
 * reflection, and its centroids can then line up like a crossing's; its weaker side stays far
 * below that. Dropped movements are counted in {@code notThroughPortal}.
 *
 * <p>When only some movements of a cluster are decided (the ready ones), the shared tags are still
 * contested over the whole cluster: a movement still being grouped keeps the tags it wins and is
 * decided later, so a ready movement never takes tags that a stronger passage still open has a
 * better claim to (emitted first, it would have kept them through {@link #alreadyMoved}).
 *
 * <p>With early judgement ({@code crossingSettle} above zero) three rules change, because movements
 * are decided while the pallets are still by the doors: the ready movements of a cluster are
 * decided without waiting for the rest when the outcome on the tags they share is clear, won or
 * lost by the hysteresis ({@link ClusterWait}); a movement that lost more than half of its tags but
 * kept its pallet's SSCC is emitted with the tags it kept (it had gathered cross-reads of a
 * neighbouring door's pallet, not been one); and a late part of a movement already emitted is
 * dropped ({@link EmittedPassages}, counted in {@code partOfEmittedMovement}).
 *
 * <p>Stagings are not grouped; one is reported only if no other door heard the tag more strongly
 * meanwhile (see {@link #stagedElsewhere}).
 */
public final class ArbitrationStage implements FilterStage {
  private final StageCounters counters = new StageCounters("arbitration");
  private final long windowMicros;
  private final double hysteresisDb;
  private final double closeRssi;
  private final MovementSink sink;
  private final EmittedPassages emitted;
  /** Crossings are judged early ({@code crossingSettle} > 0): the rules for early decisions apply. */
  private final boolean early;
  /** Which open movements share a tag, kept across passes (see {@link MovementsByTag}). */
  private final MovementsByTag byTag = new MovementsByTag();
  long overruled;
  long farOnly;
  long remnants;

  /** Receives decided movements. */
  @FunctionalInterface
  interface MovementSink {
    void closed(OpenMovement movement, long nowMicros);
  }

  ArbitrationStage(long windowMicros, long groupGapMicros, double hysteresisDb, double closeRssi,
                   boolean earlyJudgement, MovementSink sink) {
    this.windowMicros = windowMicros;
    this.early = earlyJudgement;
    this.emitted = new EmittedPassages(2 * windowMicros, groupGapMicros);
    this.hysteresisDb = hysteresisDb;
    this.closeRssi = closeRssi;
    this.sink = sink;
  }

  @Override
  public String name() {
    return counters.name();
  }

  /**
   * Decides the clusters of {@code open} that are ready (all, when {@code all}), removing them from
   * the list; returns how many movements it removed.
   */
  int decide(List<OpenMovement> open, long nowMicros, boolean all) {
    if (!all && !anyReady(open)) {
      return 0;
    }
    byTag.begin(open);
    int removed = 0;
    Set<OpenMovement> decided = Collections.newSetFromMap(new IdentityHashMap<>());
    for (OpenMovement m : open) {
      if (decided.contains(m) || (!all && !m.ready)) {
        continue;
      }
      List<OpenMovement> cluster = cluster(m, byTag, decided);
      boolean waited = nowMicros - m.quietSinceMicros >= 2 * windowMicros;
      if (!all && !waited && !cluster.stream().allMatch(c -> c.ready)
          && !(early && ClusterWait.readyOnesClear(cluster, hysteresisDb))) {
        continue;
      }
      cluster.removeIf(decided::contains);
      List<OpenMovement> deciding = new ArrayList<>(cluster);
      if (!all) {
        deciding.removeIf(c -> !c.ready);
      }
      counters.in += deciding.size();
      resolve(deciding, cluster, nowMicros);
      decided.addAll(deciding);
      removed += deciding.size();
    }
    for (OpenMovement m : decided) {
      m.decided = true;
    }
    open.removeIf(decided::contains);
    return removed;
  }

  private static boolean anyReady(List<OpenMovement> open) {
    for (int i = 0; i < open.size(); i++) {
      if (open.get(i).ready) {
        return true;
      }
    }
    return false;
  }

  /**
   * True when the tag of a staging was heard with more summed power at another door, in a passage
   * still going on or ended within {@code arbitrationWindow}: it is staged there, or crossing there,
   * not here. Counted in {@code overruledByOtherDoor}.
   */
  boolean stagedElsewhere(Crossing staging, long nowMicros) {
    TagTrack t = staging.track();
    double here = Math.pow(10, staging.strengthDb() / 10);
    for (int slot = 0; slot < t.doorSlots; slot++) {
      if (t.doorOf[slot] == staging.door()) {
        continue;
      }
      DoorEvidence ev = t.doors[slot];
      double there = ev.active ? ev.sides[0].sumPower + ev.sides[1].sumPower
          : nowMicros - ev.lastPassageEndMicros <= windowMicros ? ev.lastPassageMw : 0;
      if (there > here) {
        overruled++;
        return true;
      }
    }
    return false;
  }

  /** {@code m} and every open movement linked to it through shared tags. */
  private static List<OpenMovement> cluster(OpenMovement m, MovementsByTag byTag,
                                            Set<OpenMovement> decided) {
    List<OpenMovement> cluster = new ArrayList<>();
    Set<OpenMovement> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    cluster.add(m);
    seen.add(m);
    for (int k = 0; k < cluster.size(); k++) {
      for (Crossing c : cluster.get(k).crossings) {
        for (OpenMovement b : byTag.movementsOf(c.track(), decided)) {
          if (seen.add(b)) {
            cluster.add(b);
          }
        }
      }
    }
    return cluster;
  }

  /**
   * Decides {@code deciding}, the ready movements of {@code cluster}. The shared tags are contested
   * over the whole cluster: a movement still being grouped keeps the tags it wins (it is decided
   * later), so a ready movement never takes tags that a stronger passage still open has a better
   * claim to.
   */
  private void resolve(List<OpenMovement> deciding, List<OpenMovement> cluster, long nowMicros) {
    for (OpenMovement m : deciding) {
      alreadyMoved(m);
      closerElsewhere(m, cluster, hysteresisDb);
    }
    cluster.sort((a, b) -> Integer.compare(b.gathered, a.gathered));
    for (int i = 0; i < cluster.size(); i++) {
      for (int j = i + 1; j < cluster.size(); j++) {
        contest(cluster.get(i), cluster.get(j));
      }
    }
    rejoin(deciding);
    for (OpenMovement m : deciding) {
      if (m.gathered == 0) {
        continue; // rejoined another
      }
      if (m.crossings.isEmpty()
          || (m.crossings.size() * 2 < m.gathered && !(early && m.pallet != null))) {
        overruled++;
      } else if (!close(m)) {
        farOnly++;
      } else if (early && emitted.remnant(m, nowMicros)) {
        remnants++;
      } else {
        counters.out++;
        for (Crossing c : m.crossings) {
          TagTrack t = c.track();
          t.movedDoor = m.door;
          t.movedFirstReadMicros = c.firstReadMicros();
          t.movedLastReadMicros = c.lastReadMicros();
        }
        emitted.emitted(m, nowMicros);
        sink.closed(m, nowMicros);
      }
    }
  }

  /**
   * Removes the crossings of tags that an emitted movement already took through another door in an
   * overlapping passage (their read intervals overlap): one passage of a tag goes through one door.
   * The neighbouring door's judgement of a pallet's tags can come after the pallet's own movement
   * was decided (it kept hearing the pallet, staged in a lane between both doors, for longer), so
   * the two were never in one cluster to be compared; the movement emitted first keeps them.
   * Counted, when the movement loses more than half of its tags, in {@code overruledByOtherDoor}.
   */
  private static void alreadyMoved(OpenMovement m) {
    for (int i = m.crossings.size() - 1; i >= 0; i--) {
      Crossing c = m.crossings.get(i);
      TagTrack t = c.track();
      if (t.movedDoor >= 0 && t.movedDoor != m.door && c.firstReadMicros() <= t.movedLastReadMicros
          && t.movedFirstReadMicros <= c.lastReadMicros()) {
        m.remove(t);
      }
    }
  }

  /**
   * Removes the crossings of tags that came clearly closer to both sides of another door in a
   * passage overlapping this one (a weaker-side peak at least {@code marginDb}, the arbitration
   * hysteresis, higher there, in a passage still open or ended): a tag carried through a door
   * passes within a metre or two of both sides' antennas there and stays several metres from one
   * side of the neighbour's, so a neighbour
   * judging it crossing (its centroids lined up, a reflection) is outweighed by the tag's own
   * evidence even when the door it went through did not judge it crossing (a pallet's SSCC label
   * read poorly on one side), or judges it only later. A tag that another movement of the cluster
   * holds is left to the contest, which weighs the two passages over all the tags they share.
   */
  private static void closerElsewhere(OpenMovement m, List<OpenMovement> cluster, double marginDb) {
    for (int i = m.crossings.size() - 1; i >= 0; i--) {
      Crossing c = m.crossings.get(i);
      TagTrack t = c.track();
      if (heldByAnother(t, m, cluster)) {
        continue;
      }
      for (int slot = 0; slot < t.doorSlots; slot++) {
        if (t.doorOf[slot] == m.door) {
          continue;
        }
        DoorEvidence ev = t.doors[slot];
        double there = ev.active && ev.firstReadMicros() <= c.lastReadMicros() ? ev.weakerPeakRssi()
            : ev.lastPassageFirstReadMicros <= c.lastReadMicros()
                && c.firstReadMicros() <= ev.lastPassageLastReadMicros ? ev.lastPassageWeakerPeak
            : Double.NEGATIVE_INFINITY;
        if (there >= c.weakerPeakRssi() + marginDb) {
          m.remove(t);
          break;
        }
      }
    }
  }

  private static boolean heldByAnother(TagTrack t, OpenMovement m, List<OpenMovement> cluster) {
    for (OpenMovement o : cluster) {
      if (o != m && o.indexOf(t) >= 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * A movement without SSCC that formed apart from a pallet's movement at the same door and in the
   * same direction (the SSCC rule sent its cases to another pallet's SSCC, which another door then
   * took) joins the nearest one whose reads overlap its own.
   */
  private static void rejoin(List<OpenMovement> cluster) {
    for (OpenMovement m : cluster) {
      if (m.pallet != null || m.crossings.isEmpty()) {
        continue;
      }
      OpenMovement best = null;
      long bestDistance = Long.MAX_VALUE;
      for (OpenMovement n : cluster) {
        if (n == m || n.door != m.door || n.direction != m.direction || n.pallet == null
            || n.firstReadMicros > m.lastReadMicros || m.firstReadMicros > n.lastReadMicros) {
          continue;
        }
        long d = Math.abs(n.anchorMicros() - m.anchorMicros());
        if (d < bestDistance) {
          bestDistance = d;
          best = n;
        }
      }
      if (best != null) {
        best.absorb(m, best.lastAddedMicros);
        m.crossings.clear();
        m.gathered = 0;
      }
    }
  }

  /** True when some tag of the movement came close to the antennas of both sides. */
  private boolean close(OpenMovement m) {
    for (Crossing c : m.crossings) {
      if (c.weakerPeakRssi() >= closeRssi) {
        return true;
      }
    }
    return false;
  }

  /** Gives the tags {@code favoured} and {@code other} share to one of them. */
  private void contest(OpenMovement favoured, OpenMovement other) {
    double margin = ClusterWait.marginDb(other, favoured);
    if (Double.isNaN(margin)) {
      return;
    }
    List<TagTrack> shared = new ArrayList<>();
    for (Crossing c : other.crossings) {
      if (favoured.indexOf(c.track()) >= 0) {
        shared.add(c.track());
      }
    }
    OpenMovement winner = margin > hysteresisDb ? other : favoured;
    OpenMovement loser = winner == other ? favoured : other;
    for (TagTrack t : shared) {
      loser.remove(t);
    }
    if (loser.door != winner.door && winner.overruledDoor < 0) {
      winner.overruledDoor = loser.door;
      winner.overruledTags = shared.size();
      winner.overruledMarginDb = winner == other ? margin : -margin;
    }
  }

  /** Movements dropped as late parts of a movement already emitted ({@link EmittedPassages}). */
  public long remnants() {
    return remnants;
  }

  /** Movements dropped because no tag came close to both sides' antennas. */
  public long farOnly() {
    return farOnly;
  }

  /** Movements dropped because a passage at another door (or direction) had stronger evidence. */
  public long overruled() {
    return overruled;
  }

  @Override
  public StageCounters counters() {
    return counters;
  }
}
