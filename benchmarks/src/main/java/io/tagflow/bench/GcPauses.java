package io.tagflow.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The collections this JVM reports while it is open (the collectors' JMX notifications), on the
 * {@link System#nanoTime} clock, so a latency sample can be matched with the pauses it overlapped.
 * For G1 on JDK 17 these are the young and mixed collections and full GCs (stop-the-world); the
 * remark and cleanup pauses of a concurrent cycle are not reported here (run with {@code -Xlog:gc}
 * for those). Times are converted from the JVM's uptime in milliseconds, so a match allows 1 ms either way.
 */
final class GcPauses implements AutoCloseable {
  /** One collection: {@code [start, end]} in {@link System#nanoTime}. */
  record Pause(String collector, long start, long end) {
    double millis() {
      return (end - start) / 1e6;
    }
  }

  private static final long SLACK_NANOS = 1_000_000;

  private final List<Pause> pauses = new CopyOnWriteArrayList<>();
  private final long uptimeZero;
  private final NotificationListener listener = this::onNotification;

  GcPauses() {
    uptimeZero = System.nanoTime() - ManagementFactory.getRuntimeMXBean().getUptime() * 1_000_000;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(listener, null, null);
      }
    }
  }

  private void onNotification(Notification n, Object handback) {
    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
      return;
    }
    GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
    long start = uptimeZero + info.getGcInfo().getStartTime() * 1_000_000;
    long end = uptimeZero + info.getGcInfo().getEndTime() * 1_000_000;
    pauses.add(new Pause(info.getGcName(), start, Math.max(start, end)));
  }

  /** The collections that ended after {@code from} and started before {@code to}. */
  List<Pause> between(long from, long to) {
    return pauses.stream().filter(p -> p.end() + SLACK_NANOS >= from && p.start() - SLACK_NANOS <= to).toList();
  }

  /** One line: how many collections fell in {@code [from, to]}, their total and longest time. */
  String summary(long from, long to) {
    List<Pause> in = between(from, to);
    double total = in.stream().mapToDouble(Pause::millis).sum();
    double max = in.stream().mapToDouble(Pause::millis).max().orElse(0);
    return String.format(Locale.ROOT, "%d GC pauses, %.1f ms in all, longest %.1f ms", in.size(), total, max);
  }

  @Override
  public void close() {
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        try {
          emitter.removeNotificationListener(listener);
        } catch (ListenerNotFoundException e) {
          // never added
        }
      }
    }
  }
}
