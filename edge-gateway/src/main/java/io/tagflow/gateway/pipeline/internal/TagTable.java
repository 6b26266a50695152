package io.tagflow.gateway.pipeline.internal;

/**
 * Tag state keyed by the 96-bit EPC: an open-addressing hash table with linear probing and
 * backward-shift deletion (Knuth, TAOCP vol. 3, §6.4, Algorithm R), so there are no tombstones.
 *
 * <p>Why not a library map: a {@code HashMap<Epc96, TagTrack>} needs a key object per lookup, i.e.
 * an allocation per read; primitive maps (fastutil, Eclipse Collections) key on one long, and an EPC
 * is 96 bits. This table compares the two primitives in place, in the track itself: a look-up
 * touches the slot and the track it needs anyway, not parallel key arrays as well (one cache miss
 * fewer per read on a large table). The load factor stays at or below one half; the table never
 * grows past {@code maxTags} entries.
 */
public final class TagTable {
  private TagTrack[] tracks;
  private int size;
  private final int maxTags;

  public TagTable(int maxTags) {
    this.maxTags = maxTags;
    allocate(64);
  }

  private void allocate(int capacity) {
    tracks = new TagTrack[capacity];
  }

  private static int hash(long high, int low) {
    long h = high * 0x9E37_79B9_7F4A_7C15L ^ (low * 0xC2B2_AE3D_27D4_EB4FL);
    h ^= h >>> 29;
    return (int) (h ^ (h >>> 32));
  }

  /** The track of an EPC, or null. Does not allocate. */
  public TagTrack get(long high, int low) {
    int mask = tracks.length - 1;
    for (int i = hash(high, low) & mask; ; i = (i + 1) & mask) {
      TagTrack t = tracks[i];
      if (t == null || (t.epcHigh == high && t.epcLow == low)) {
        return t;
      }
    }
  }

  /** Inserts a track for a new EPC; returns false when the table holds {@code maxTags} already. */
  public boolean put(TagTrack track) {
    if (size >= maxTags) {
      return false;
    }
    if ((size + 1) * 2 > tracks.length) {
      grow();
    }
    insert(track);
    size++;
    return true;
  }

  private void insert(TagTrack track) {
    int mask = tracks.length - 1;
    int i = hash(track.epcHigh, track.epcLow) & mask;
    while (tracks[i] != null) {
      i = (i + 1) & mask;
    }
    tracks[i] = track;
  }

  private void grow() {
    TagTrack[] old = tracks;
    allocate(old.length * 2);
    for (TagTrack t : old) {
      if (t != null) {
        insert(t);
      }
    }
  }

  /** Removes {@code track} if the table holds it. */
  public void remove(TagTrack track) {
    int mask = tracks.length - 1;
    for (int i = hash(track.epcHigh, track.epcLow) & mask; tracks[i] != null; i = (i + 1) & mask) {
      if (tracks[i] == track) {
        removeAt(i);
        return;
      }
    }
  }

  /** Slots to iterate with {@link #at(int)}. */
  public int capacity() {
    return tracks.length;
  }

  /** The track in a slot, or null. */
  public TagTrack at(int slot) {
    return tracks[slot];
  }

  public int size() {
    return size;
  }

  /**
   * Removes the track in {@code slot}. Later entries of the probe run shift back, so a caller
   * iterating slots must look at {@code slot} again.
   */
  public void removeAt(int slot) {
    int mask = tracks.length - 1;
    int hole = slot;
    tracks[hole] = null;
    size--;
    for (int i = (hole + 1) & mask; tracks[i] != null; i = (i + 1) & mask) {
      int home = hash(tracks[i].epcHigh, tracks[i].epcLow) & mask;
      // Move i into the hole unless its home lies cyclically in (hole, i].
      boolean stays = hole <= i ? hole < home && home <= i : hole < home || home <= i;
      if (!stays) {
        tracks[hole] = tracks[i];
        tracks[i] = null;
        hole = i;
      }
    }
  }
}
