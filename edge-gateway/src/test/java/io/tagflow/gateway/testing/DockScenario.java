package io.tagflow.gateway.testing;

import io.tagflow.gateway.pipeline.Direction;
import io.tagflow.gateway.pipeline.ReadPoint;
import io.tagflow.gateway.pipeline.Side;
import io.tagflow.gateway.pipeline.TagPipeline;
import io.tagflow.gateway.pipeline.TagRead;
import io.tagflow.protocol.epc.Epc96;
import io.tagflow.protocol.epc.EpcEncoder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Synthetic read streams for a row of dock doors, from a simple but physical model, seeded so every
 * run is the same.
 *
 * <p>Doors stand in the wall x = 0 at lateral positions y. Each door has one reader with antenna 1
 * OUTSIDE at x = -1 m facing out and antenna 2 INSIDE at x = +1 m facing in, 1 m above the tags.
 * RSSI = -38 dBm - 20·log10(distance) - 12 dB when the tag is behind the antenna - 8 dB through the
 * wall when the tag is more than 2 m to the side, plus Gaussian noise (σ 2 dB). Each antenna gets
 * an inventory round every 50 ms (antenna 2 offset by 25 ms); a tag at -75 dBm or better answers a
 * round with probability 0.8. Tags move on straight lines at constant speed.
 */
public final class DockScenario {
  public static final long T0 = 1_700_000_000_000_000L;
  private static final long ROUND_MICROS = 50_000;

  private record Door(String name, double y, String readerId) {
  }

  /** A tag moving at {@code vx} m/s from x0, standing still for {@code pause} µs at {@code pauseX}. */
  private record Track(Epc96 epc, double x0, double vx, double y0, double vy, long start,
                       long end, double pauseX, long pause) {
    double y(long t) {
      return y0 + vy * (t - start) / 1e6;
    }

    double x(long t) {
      double moved = vx * (t - start) / 1e6;
      if (pause > 0 && vx != 0) {
        long reach = start + (long) ((pauseX - x0) / vx * 1e6);
        if (t >= reach) {
          moved = t < reach + pause ? pauseX - x0 : vx * (t - start - pause) / 1e6;
        }
      }
      return x0 + moved;
    }
  }

  private final Random random;
  private double reflectionRate;
  private final List<Door> doors = new ArrayList<>();
  private final List<Track> tracks = new ArrayList<>();

  public DockScenario(long seed) {
    this.random = new Random(seed);
  }

  /**
   * Multipath: each antenna round, each tag within 6 m of the door also gets a reflected read of
   * -50..-60 dBm with this probability, whatever the geometry says.
   */
  public DockScenario reflections(double rate) {
    this.reflectionRate = rate;
    return this;
  }

  public DockScenario door(String name, double y, String readerId) {
    doors.add(new Door(name, y, readerId));
    return this;
  }

  /** Maps every door's antennas on the builder. */
  public TagPipeline.Builder configure(TagPipeline.Builder b) {
    for (Door d : doors) {
      b.readPoint(d.readerId(), 1, ReadPoint.door(d.name(), Side.OUTSIDE));
      b.readPoint(d.readerId(), 2, ReadPoint.door(d.name(), Side.INSIDE));
    }
    return b;
  }

  private Door door(String name) {
    return doors.stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow();
  }

  /**
   * Tags carried through a door together, from 5 m on one side to 5 m on the other at {@code
   * speed} m/s; each tag gets a small fixed offset in the load (up to 0.4 m).
   */
  public DockScenario pass(List<Epc96> load, String doorName, Direction dir, long startMicros,
                           double speed) {
    return pass(load, doorName, dir, startMicros, speed, 0);
  }

  /** As {@link #pass}, but the forklift stops in the doorway (x = 0) for {@code pauseMicros}. */
  public DockScenario pass(List<Epc96> load, String doorName, Direction dir, long startMicros,
                           double speed, long pauseMicros) {
    Door d = door(doorName);
    double sign = dir == Direction.IN ? 1 : -1;
    long duration = (long) (10.0 / speed * 1e6);
    for (Epc96 epc : load) {
      double dx = (random.nextDouble() - 0.5) * 0.8;
      double dy = (random.nextDouble() - 0.5) * 0.8;
      tracks.add(new Track(epc, -5 * sign + dx, sign * speed, d.y() + dy, 0, startMicros,
          startMicros + duration + pauseMicros, dx, pauseMicros));
    }
    return this;
  }

  /** Tags standing still on one side of a door, 1.5 m from the wall, for a while. */
  public DockScenario park(List<Epc96> load, String doorName, Side side, long startMicros,
                           long durationMicros) {
    Door d = door(doorName);
    double x = side == Side.OUTSIDE ? -1.5 : 1.5;
    for (Epc96 epc : load) {
      tracks.add(new Track(epc, x + (random.nextDouble() - 0.5) * 0.6, 0,
          d.y() + (random.nextDouble() - 0.5) * 0.8, 0, startMicros, startMicros + durationMicros,
          0, 0));
    }
    return this;
  }

  /**
   * Tags carried along the wall on one side, 1.5 m from it, past a door: from 6 m before it to 6 m
   * after it, never through it (a forklift driving along the dock).
   */
  public DockScenario driveAlong(List<Epc96> load, String doorName, Side side, long startMicros,
                                 double speed) {
    Door d = door(doorName);
    double x = side == Side.OUTSIDE ? -1.5 : 1.5;
    long duration = (long) (12.0 / speed * 1e6);
    for (Epc96 epc : load) {
      tracks.add(new Track(epc, x + (random.nextDouble() - 0.5) * 0.6, 0,
          d.y() - 6 + (random.nextDouble() - 0.5) * 0.8, speed, startMicros,
          startMicros + duration, 0, 0));
    }
    return this;
  }

  /** Every read of every antenna, in timestamp order. */
  public List<TagRead> reads() {
    long from = tracks.stream().mapToLong(Track::start).min().orElse(T0);
    long to = tracks.stream().mapToLong(Track::end).max().orElse(T0);
    List<TagRead> reads = new ArrayList<>();
    for (Door d : doors) {
      for (int antenna = 1; antenna <= 2; antenna++) {
        double ax = antenna == 1 ? -1 : 1;
        for (long t = from + (antenna - 1) * ROUND_MICROS / 2; t <= to; t += ROUND_MICROS) {
          for (Track tr : tracks) {
            if (t < tr.start() || t > tr.end()) {
              continue;
            }
            double x = tr.x(t);
            double dy = tr.y(t) - d.y();
            double dist = Math.sqrt((x - ax) * (x - ax) + dy * dy + 1);
            double rssi = -38 - 20 * Math.log10(dist)
                - (Math.signum(x) != Math.signum(ax) ? 12 : 0)
                - (Math.abs(dy) > 2 ? 8 : 0)
                + random.nextGaussian() * 2;
            if (rssi >= -75 && random.nextDouble() < 0.8) {
              reads.add(new TagRead(d.readerId(), antenna, tr.epc(), Math.round(rssi), t));
            } else if (reflectionRate > 0 && Math.abs(x) < 6 && Math.abs(dy) < 2
                && random.nextDouble() < reflectionRate) {
              reads.add(new TagRead(d.readerId(), antenna, tr.epc(),
                  -50 - random.nextInt(11), t));
            }
          }
        }
      }
    }
    reads.sort(Comparator.comparingLong(TagRead::timestampMicros));
    return reads;
  }

  /** A pallet: one SSCC-96 tag and {@code cases} SGTIN-96 case tags, all under one prefix. */
  public static List<Epc96> pallet(int palletNo, int cases) {
    List<Epc96> tags = new ArrayList<>();
    tags.add(EpcEncoder.sscc96(2, "0614141", String.format("1%09d", palletNo)));
    for (int i = 0; i < cases; i++) {
      tags.add(EpcEncoder.sgtin96(2, "0614141", "812345", palletNo * 1000L + i));
    }
    return tags;
  }
}
