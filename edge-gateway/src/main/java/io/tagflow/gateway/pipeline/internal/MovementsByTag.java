package io.tagflow.gateway.pipeline.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * For {@link ArbitrationStage#decide}: which open movements held a crossing of a tag when the
 * decision pass began, in the order of the open list. Kept across passes instead of rebuilt: a
 * pass indexes only the crossings added since the last one (each tag keeps the movements it joined
 * in {@link TagTrack#openIn}), so its cost follows the new crossings and the clusters decided, not
 * every crossing of every open movement (at a 1,000-door gateway thousands of movements are open).
 *
 * <p>Relies on how movements change: until arbitration resolves it, an open movement gains
 * crossings only through {@link OpenMovement#add} (a new tag's crossing appended and counted in
 * {@code gathered}; a tag's crossing may be replaced by a stronger one of the same tag); only
 * arbitration removes crossings, from the movements it is resolving. So for a movement not yet resolved in the
 * pass its current crossings are its crossings at the start, checked anyway; for one resolved
 * earlier in the pass the index answers as of the start, as a map built at the start would.
 * Entries of movements that left the open list are dropped when their tag is next indexed.
 */
final class MovementsByTag {
  private long pass;
  private final List<OpenMovement> found = new ArrayList<>();

  /** Starts a decision pass over {@code open}: stamps its movements and indexes new crossings. */
  void begin(List<OpenMovement> open) {
    pass++;
    for (int i = 0; i < open.size(); i++) {
      OpenMovement m = open.get(i);
      m.indexPass = pass;
      m.indexPosition = i;
    }
    for (int i = 0; i < open.size(); i++) {
      OpenMovement m = open.get(i);
      List<Crossing> crossings = m.crossings;
      // A new tag's crossing is appended and counted in gathered: the fresh ones are the last.
      int fresh = m.gathered - m.indexed;
      if (fresh < 0 || fresh > crossings.size()) {
        fresh = crossings.size(); // changed otherwise: index them all (known ones are skipped)
      }
      for (int k = crossings.size() - fresh; k < crossings.size(); k++) {
        add(crossings.get(k).track(), m);
      }
      m.indexed = m.gathered;
    }
  }

  private void add(TagTrack t, OpenMovement m) {
    OpenMovement[] in = t.openIn;
    int n = 0;
    for (int i = 0; i < t.openInCount; i++) {
      if (in[i] == m) {
        return;
      }
      if (in[i].indexPass == pass) {
        in[n++] = in[i];
      }
    }
    for (int i = n; i < t.openInCount; i++) {
      in[i] = null;
    }
    if (in == null || n == in.length) {
      in = t.openIn = java.util.Arrays.copyOf(in == null ? new OpenMovement[0] : in, Math.max(2, n * 2));
    }
    in[n++] = m;
    t.openInCount = n;
  }

  /**
   * The movements of the open list at the start of the pass that then held a crossing of {@code t},
   * in list order. {@code resolved}: the movements arbitration resolved so far in this pass. The
   * list is reused by the next call.
   */
  List<OpenMovement> movementsOf(TagTrack t, Set<OpenMovement> resolved) {
    found.clear();
    for (int i = 0; i < t.openInCount; i++) {
      OpenMovement m = t.openIn[i];
      if (m.indexPass != pass || !(resolved.contains(m) || m.indexOf(t) >= 0)) {
        continue;
      }
      int at = found.size();
      found.add(m);
      while (at > 0 && found.get(at - 1).indexPosition > m.indexPosition) {
        found.set(at, found.get(at - 1));
        at--;
      }
      found.set(at, m);
    }
    return found;
  }
}
