package io.tagflow.gateway.pipeline.internal;

import io.tagflow.gateway.pipeline.Direction;
import java.util.ArrayList;
import java.util.List;

/**
 * Stage 5, grouping: crossings at one door in one direction that belong to one passage (a pallet
 * load, a forklift trip) form one movement, which {@link ArbitrationStage} then decides.
 *
 * <p>Crossings are grouped by passage time (when each tag was at the door plane, see {@link
 * PassageJudge}), not by decision time, because each tag is decided when it leaves the door. A
 * crossing joins an open movement of the same door and direction when its passage lies within
 * {@code groupGap} of the movement's passage span, when at least half of its read interval
 * overlaps the movement's (a forklift that stops in the doorway spreads its tags' passage times
 * over the stop, but they are all read during it), or when the tag arrived at the door with the
 * movement's tags (first read within {@code groupGap} of theirs: a pallet's tags enter the field
 * together, whatever each tag's passage estimate); among several it joins the one whose anchor
 * (its SSCC's passage, else its middle) is nearest. A tag joins a movement once.
 *
 * <p>A movement is ready when no crossing joined it for {@code quietGap}, no tag that arrived at
 * the door with its tags (first read within {@code groupGap} of theirs) is still passing there, and
 * none of its own tags is still passing another door (that door's judgement of them must be there
 * when arbitration compares the two). Tags of one
 * pallet leave the door's field at different times (a pallet set down in a staging lane behind the
 * door keeps some of its tags in the inside antennas' field for as long as it stands there), so a
 * quiet gap alone splits one pallet into several movements. A movement quiet for {@code
 * arbitrationWindow} is ready even if held, so a pallet staged by the door delays it by that much
 * at most.
 *
 * <p>With early judgement ({@code crossingSettle} above zero, see {@link PortalStage}) the crossings
 * come while the pallet is still by the door, and most of its tags stay in the field (a lane
 * behind the door) long after: a movement then waits only for a tag that arrived with it and has
 * crossed over but is not judged yet, and for one of its own tags whose passage still open at
 * another door came about as close to that door's two sides (weaker-side peak within the
 * arbitration hysteresis), since that door may still judge it crossing. Both within {@code
 * arbitrationWindow}. It also waits, for at most {@link #SOURCE_WAIT_MICROS}, for a tag that arrived
 * with its first tags and is still right at the antennas of the side they came from: the rest of a
 * pallet whose forklift stopped in the doorway, which crosses when the forklift goes on (the event
 * contract cannot add it to the movement afterwards).
 *
 * <p>The SSCC rule: a movement holds at most one SSCC-96 tag, the pallet's identity. A second SSCC
 * never joins a movement that has one, so two pallets in a row are two movements even when the
 * forklift drives them through close together; their cases go to the pallet whose SSCC passed
 * nearest in time. That holds whatever order the tags are judged in: a second SSCC judged after
 * cases of both pallets joined the first one's movement takes those that passed nearer to it
 * ({@link #takeNearerCases}).
 */
public final class GroupingStage implements FilterStage {
  /** The event contract's limit (EventSchema.MAX_TAGS_PER_MOVEMENT): a fuller movement splits. */
  static final int MAX_TAGS_PER_MOVEMENT = io.tagflow.protocol.event.EventSchema.MAX_TAGS_PER_MOVEMENT;

  /**
   * The longest a movement waits (early judgement) for a tag of its pallet still in the doorway on
   * the side it came from (see {@link #atSourceWithPallet}).
   */
  static final long SOURCE_WAIT_MICROS = 10_000_000;

  private final StageCounters counters = new StageCounters("grouping");
  private final long groupGapMicros;
  private final long quietGapMicros;
  private final long waitMicros;
  private final double rivalDb;
  private final double closeRssi;
  private final boolean early;
  private final ArbitrationStage arbitration;
  private final List<OpenMovement> open = new ArrayList<>();
  /** The open movements again, by door index: a crossing or a passing tag looks only at its door's. */
  private final List<List<OpenMovement>> openAt = new ArrayList<>();

  GroupingStage(long groupGapMicros, long quietGapMicros, long waitMicros, double rivalDb,
                double closeRssi, boolean earlyJudgement, ArbitrationStage arbitration) {
    this.closeRssi = closeRssi;
    this.groupGapMicros = groupGapMicros;
    this.quietGapMicros = quietGapMicros;
    this.waitMicros = waitMicros;
    this.rivalDb = rivalDb;
    this.early = earlyJudgement;
    this.arbitration = arbitration;
  }

  @Override
  public String name() {
    return counters.name();
  }

  /** Takes a crossing from the portal stage. */
  public void accept(Crossing c, long nowMicros) {
    counters.in++;
    List<OpenMovement> atDoor = openAt(c.door());
    OpenMovement best = null;
    long bestDistance = Long.MAX_VALUE;
    for (int i = 0; i < atDoor.size(); i++) {
      OpenMovement m = atDoor.get(i);
      if (joins(m, c)) {
        long d = Math.abs(m.anchorMicros() - c.passageMicros());
        if (d < bestDistance) {
          bestDistance = d;
          best = m;
        }
      }
    }
    if (best == null) {
      best = new OpenMovement(c.door(), c.direction());
      open.add(best);
      atDoor.add(best);
      best.add(c, nowMicros);
      if (c.track().isSscc()) {
        takeNearerCases(best, c, atDoor, nowMicros);
      }
    } else {
      best.add(c, nowMicros);
    }
    // The crossing may bridge movements of one passage that formed apart: they become one.
    for (int i = 0; i < atDoor.size(); i++) {
      OpenMovement m = atDoor.get(i);
      if (m != best && joins(m, c) && (m.pallet == null || best.pallet == null)
          && m.crossings.size() + best.crossings.size() <= MAX_TAGS_PER_MOVEMENT) {
        best.absorb(m, nowMicros);
        atDoor.remove(i--);
        open.remove(m);
      }
    }
  }

  /** The open movements at one door, in the order they opened. */
  private List<OpenMovement> openAt(int door) {
    while (openAt.size() <= door) {
      openAt.add(new ArrayList<>());
    }
    return openAt.get(door);
  }

  /** Rebuilds {@link #openAt} from {@link #open} after decisions took movements out. */
  private void index() {
    for (int d = 0; d < openAt.size(); d++) {
      openAt.get(d).clear();
    }
    for (int i = 0; i < open.size(); i++) {
      OpenMovement m = open.get(i);
      openAt(m.door).add(m);
    }
  }

  private boolean joins(OpenMovement m, Crossing c) {
    return samePassage(m, c) && m.crossings.size() < MAX_TAGS_PER_MOVEMENT
        && !(c.track().isSscc() && m.pallet != null && m.pallet.track() != c.track());
  }

  /** True when the crossing belongs to the movement's passage by door, direction and time. */
  private boolean samePassage(OpenMovement m, Crossing c) {
    return m.door == c.door() && m.direction == c.direction()
        && (m.distance(c.passageMicros()) <= groupGapMicros || m.overlapsMostOf(c)
            || m.arrivedWith(c.firstReadMicros(), groupGapMicros));
  }

  /**
   * A pallet's SSCC that opened a movement of its own because another pallet's movement of the same
   * passage already had an SSCC (two pallets through the door within seconds of each other) takes
   * from that movement the cases that passed nearer to it than to that pallet's SSCC: the SSCC rule
   * then gives the same answer whatever order the tags were judged in. Without it, every case judged
   * before the second SSCC went to the first pallet, and the second pallet's movement, left with its
   * label and a straggler or two, was too weak to be emitted: the pallet was missed.
   */
  private void takeNearerCases(OpenMovement mine, Crossing sscc, List<OpenMovement> atDoor, long nowMicros) {
    for (int i = 0; i < atDoor.size(); i++) {
      OpenMovement m = atDoor.get(i);
      if (m == mine || m.pallet == null || !samePassage(m, sscc)) {
        continue;
      }
      long theirs = m.pallet.passageMicros();
      for (int k = m.crossings.size() - 1; k >= 0; k--) {
        Crossing x = m.crossings.get(k);
        if (x != m.pallet && mine.crossings.size() < MAX_TAGS_PER_MOVEMENT
            && Math.abs(x.passageMicros() - sscc.passageMicros()) < Math.abs(x.passageMicros() - theirs)) {
          m.release(k);
          mine.add(x, nowMicros);
        }
      }
    }
  }

  /**
   * True when a passage still open at another door came about as close to both of its sides'
   * antennas as the tag's crossing in its movement did to this door's ({@code weakerPeakRssi} less
   * the arbitration hysteresis): that door may still judge the tag crossing, and arbitration must
   * compare the two.
   */
  private boolean rivals(DoorEvidence ev, double weakerPeakRssi) {
    SideStats out = ev.sides[0];
    SideStats in = ev.sides[1];
    return out.reads > 0 && in.reads > 0
        && Math.min(out.peakRssi, in.peakRssi) >= weakerPeakRssi - rivalDb;
  }

  /**
   * True when a tag passing the door is still on the side the movement's tags came from, right at
   * its antennas (smoothed RSSI there at least {@code strongReadRssiDbm}), and arrived at the door
   * with the movement's first tags: the rest of a pallet whose forklift stopped in the doorway, about
   * to cross. A tag staged by the door (it arrived earlier or later) or deep in the load (read weakly)
   * does not count.
   */
  private boolean atSourceWithPallet(DoorEvidence ev, OpenMovement m) {
    int source = m.direction == Direction.IN ? 0 : 1;
    return ev.leader == source && ev.sides[source].smoothed >= closeRssi
        && Math.abs(ev.originMicros - m.firstReadMicros) <= groupGapMicros;
  }

  @Override
  public void onTick(TagTrack t, long nowMicros) {
    OpenMovement joined = t.movement;
    if (joined != null && joined.decided) {
      t.movement = joined = null;
    }
    if (open.isEmpty()) {
      return;
    }
    for (int slot = 0; slot < t.doorSlots; slot++) {
      DoorEvidence ev = t.doors[slot];
      if (!ev.active || ev.judged) {
        continue;
      }
      int door = t.doorOf[slot];
      if (joined != null && (!early || (door != joined.door && rivals(ev, t.joinedWeakerPeakRssi)))) {
        joined.held = true; // one of its tags is still passing this door, or another one as closely
      }
      if (door >= openAt.size()) {
        continue;
      }
      List<OpenMovement> atDoor = openAt.get(door);
      for (int i = 0; i < atDoor.size(); i++) {
        OpenMovement m = atDoor.get(i);
        if (m.arrivedWith(ev.originMicros, groupGapMicros)) {
          if (!early || ev.crossedOver()) {
            m.held = true;
          } else if (atSourceWithPallet(ev, m)) {
            m.heldAtSource = true;
          }
        }
      }
    }
  }

  /**
   * A tag still passing a door holds the movements it arrived with (and its own) on every tick, so it
   * is looked at on every tick while it passes. Its link to a decided movement is dropped at its next
   * tick, whenever that is: nothing reads it before.
   */
  @Override
  public long nextTickMicros(TagTrack t) {
    for (int slot = 0; slot < t.doorSlots; slot++) {
      if (t.doors[slot].active) {
        return Long.MIN_VALUE;
      }
    }
    return Long.MAX_VALUE;
  }

  @Override
  public void afterTick(long nowMicros) {
    for (int i = 0; i < open.size(); i++) {
      OpenMovement m = open.get(i);
      boolean quiet = nowMicros - m.lastAddedMicros >= quietGapMicros;
      m.quietSinceMicros = quiet ? (m.quietSinceMicros < 0 ? nowMicros : m.quietSinceMicros) : -1;
      m.ready = quiet && (!m.held || nowMicros - m.quietSinceMicros >= waitMicros)
          && (!m.heldAtSource || nowMicros - m.quietSinceMicros >= SOURCE_WAIT_MICROS);
      m.held = false;
      m.heldAtSource = false;
    }
    int before = open.size();
    counters.out += arbitration.decide(open, nowMicros, false);
    if (open.size() != before) {
      index(); // decisions only take movements out
    }
  }

  /** Decides every open movement now, ready or not (gateway shutdown). */
  public void flush(long nowMicros) {
    counters.out += arbitration.decide(open, nowMicros, true);
    index();
  }

  /** Movements not decided yet. */
  public int openMovements() {
    return open.size();
  }

  @Override
  public StageCounters counters() {
    return counters;
  }
}
