package io.tagflow.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * When each decision of a publish-latency run passed each moment on its way to the broker, in
 * milliseconds after the decision, and the figures drawn from that: percentiles of a moment, of the
 * leg between two moments, and which legs the slowest decisions spent their time in. Runs of the same
 * broker are pooled by {@link #pool}.
 */
final class PublishTimeline {
  /** The moments, in the order a decision passes them on the way to its PUBACK ({@link #DURABLE} aside). */
  enum Moment {
    HANDOFF("deciding thread released"),
    WRITE_START("outbox write started (writer thread)"),
    PUBLISH_CALL("entry read to hand to Paho's publish (drain thread)"),
    WIRE("PUBLISH written to the socket (Paho's sender thread)"),
    PUBACK_READ("PUBACK read from the socket (Paho's receiver thread)"),
    PUBACK("PUBACK callback marked the entry delivered (Paho's callback thread)"),
    DURABLE("durable: the fsync covering it returned (sync thread)");

    final String meaning;

    Moment(String meaning) {
      this.meaning = meaning;
    }
  }

  /** The path to the PUBACK, leg by leg. */
  static final List<Moment> PATH = List.of(Moment.WRITE_START, Moment.PUBLISH_CALL, Moment.WIRE, Moment.PUBACK_READ,
      Moment.PUBACK);

  private final double[][] ms;
  /** {@link System#nanoTime} of each decision, to match it with GC pauses. */
  private final long[] decidedAt;

  PublishTimeline(int decisions) {
    this.ms = new double[Moment.values().length][decisions];
    this.decidedAt = new long[decisions];
  }

  int size() {
    return decidedAt.length;
  }

  void decided(int decision, long nanos) {
    decidedAt[decision] = nanos;
  }

  long decidedAt(int decision) {
    return decidedAt[decision];
  }

  /** Records that {@code decision} passed {@code moment} at {@code nanos} ({@link System#nanoTime}). */
  void passed(Moment moment, int decision, long nanos) {
    ms[moment.ordinal()][decision] = (nanos - decidedAt[decision]) / 1e6;
  }

  double at(Moment moment, int decision) {
    return ms[moment.ordinal()][decision];
  }

  /** Percentile {@code p} (0..100) of decision -> {@code moment}, in ms. */
  double percentile(Moment moment, double p) {
    return sortedPercentile(ms[moment.ordinal()].clone(), p);
  }

  /** Percentile {@code p} of the leg {@code from} -> {@code to}, in ms. */
  double leg(Moment from, Moment to, double p) {
    double[] d = new double[size()];
    for (int i = 0; i < d.length; i++) {
      d[i] = at(to, i) - at(from, i);
    }
    return sortedPercentile(d, p);
  }

  /** Indexes of the decisions whose decision -> {@code moment} is at or above its percentile {@code p}. */
  int[] slowest(Moment moment, double p) {
    double bound = percentile(moment, p);
    return IntStream.range(0, size()).filter(i -> at(moment, i) >= bound).toArray();
  }

  /**
   * One line: for the decisions at or above the p99 of decision -> {@code moment}, the mean of each leg of
   * {@link #PATH} up to it, so the line says where the tail's time went.
   */
  String tailBreakdown(Moment moment) {
    int[] tail = slowest(moment, 99);
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%d slowest (>= p99 %.2f ms), mean per leg:",
        tail.length, percentile(moment, 99)));
    Moment from = null;
    for (Moment to : PATH) {
      double sum = 0;
      for (int i : tail) {
        sum += at(to, i) - (from == null ? 0 : at(from, i));
      }
      sb.append(String.format(Locale.ROOT, " %s %.2f", from == null ? "decision->" + to.name().toLowerCase(Locale.ROOT)
          : from.name().toLowerCase(Locale.ROOT) + "->" + to.name().toLowerCase(Locale.ROOT), sum / tail.length));
      if (to == moment) {
        break;
      }
      from = to;
    }
    return sb.append(" ms").toString();
  }

  /** The decisions of several runs as one timeline. */
  static PublishTimeline pool(List<PublishTimeline> runs) {
    int n = runs.stream().mapToInt(PublishTimeline::size).sum();
    PublishTimeline all = new PublishTimeline(n);
    int offset = 0;
    for (PublishTimeline run : runs) {
      for (int m = 0; m < run.ms.length; m++) {
        System.arraycopy(run.ms[m], 0, all.ms[m], offset, run.size());
      }
      System.arraycopy(run.decidedAt, 0, all.decidedAt, offset, run.size());
      offset += run.size();
    }
    return all;
  }

  /** The p99 of decision -> {@code moment} of each run, for the spread between runs. */
  static List<Double> p99s(List<PublishTimeline> runs, Moment moment) {
    List<Double> out = new ArrayList<>();
    for (PublishTimeline run : runs) {
      out.add(run.percentile(moment, 99));
    }
    return out;
  }

  private static double sortedPercentile(double[] values, double p) {
    Arrays.sort(values);
    return BenchServices.percentile(values, p);
  }
}
