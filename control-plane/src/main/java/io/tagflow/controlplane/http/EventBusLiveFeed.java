package io.tagflow.controlplane.http;

import io.tagflow.controlplane.feed.LiveDelta;
import io.tagflow.controlplane.feed.LiveFeed;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live feed over the Vert.x event bus, in ticks: each delta is encoded once, as its JSON text, when
 * it is published, and waits per site ({@link PendingDeltas}: a bin's repeated occupancy coalesced); at
 * most every {@link #TICK} the site's pending deltas go out as one {@link Frame} to the site's address,
 * where every WebSocket client of that site has a consumer ({@link LiveFeedRoute}). A delta after a
 * quiet spell goes out at once (1 ms timer); under load, deltas wait at most one tick; a frame that
 * reached {@link #FRAME_CHARS} goes out at once, and so does what is pending at {@link #flush} (the end
 * of a committed batch's processing).
 *
 * <p>Order: per site, frames carry the deltas in the order {@link #publish} returned, and frames reach
 * each client in order (one frame of a site is published at a time). Publishing never blocks on
 * clients; with no client the bus drops the frame. Thread-safe.
 */
public final class EventBusLiveFeed implements LiveFeed {
  private static final Logger log = LoggerFactory.getLogger(EventBusLiveFeed.class);
  /** How often, at most, a site's clients get a frame. */
  public static final Duration TICK = Duration.ofMillis(50);
  /** Deltas pending per site past which they are dropped for a resync (a tick at 2,000 movements/s is ~100). */
  static final int MAX_PENDING_DELTAS = 50_000;
  /**
   * Characters pending past which a frame goes out at once rather than at the tick: about 20 movements
   * of 20 tags. Large frames would make the first deltas of a big batch wait for the last.
   */
  static final int FRAME_CHARS = 64 << 10;
  /** Characters pending per site past which they are dropped for a resync (~3 KB per movement of 20 tags). */
  static final long MAX_PENDING_CHARS = 64L << 20;
  private static final String ADDRESS_PREFIX = "tagflow.live.";
  private static final DeliveryOptions LOCAL_FRAME = new DeliveryOptions().setCodecName(Frame.LocalCodec.NAME)
      .setLocalOnly(true);

  private final Vertx vertx;
  private final long tickNanos;
  private final ConcurrentMap<String, Site> sites = new ConcurrentHashMap<>();

  public EventBusLiveFeed(Vertx vertx) {
    this(vertx, TICK);
  }

  EventBusLiveFeed(Vertx vertx, Duration tick) {
    this.vertx = vertx;
    this.tickNanos = tick.toNanos();
    try {
      vertx.eventBus().registerCodec(new Frame.LocalCodec());
    } catch (IllegalStateException alreadyRegistered) {
      // Another control plane in the same Vert.x instance (tests, a restart) registered it: same codec.
    }
  }

  /** The JSON a client receives: the kind, the site and the changed thing. */
  record Envelope(String kind, String site, Object data) {
  }

  static String address(String site) {
    return ADDRESS_PREFIX + site;
  }

  static Object dataOf(LiveDelta delta) {
    if (delta instanceof LiveDelta.Occupancy o) {
      return o.bin();
    } else if (delta instanceof LiveDelta.Movement m) {
      return m.movement();
    }
    return ((LiveDelta.AnomalyChanged) delta).anomaly();
  }

  @Override
  public void publish(LiveDelta delta) {
    String json = Json.encode(new Envelope(delta.kind(), delta.site(), dataOf(delta)));
    String bin = delta instanceof LiveDelta.Occupancy o ? o.bin().bin() : null;
    Site site = sites.computeIfAbsent(delta.site(), Site::new);
    long delayNanos;
    synchronized (site) {
      site.pending.add(bin, json);
      if (site.pending.chars() >= FRAME_CHARS) {
        if (site.immediate) {
          return;
        }
        site.immediate = true;
        delayNanos = -1;
      } else if (site.scheduled || site.immediate) {
        return;
      } else {
        site.scheduled = true;
        delayNanos = site.lastFrame + tickNanos - System.nanoTime();
      }
    }
    try {
      if (delayNanos < 0) {
        vertx.runOnContext(v -> flush(site));
      } else {
        vertx.setTimer(Math.max(1, TimeUnit.NANOSECONDS.toMillis(delayNanos)), id -> flush(site));
      }
    } catch (RuntimeException e) {
      // Vert.x is closing: no client gets anything any more; let a later publish try again.
      synchronized (site) {
        site.scheduled = false;
        site.immediate = false;
      }
      log.debug("live feed of {}: no frame scheduled: {}", site.id, e.toString());
    }
  }

  /** Sends every site's pending deltas now (on an event loop), not at its next tick. */
  @Override
  public void flush() {
    for (Site site : sites.values()) {
      synchronized (site) {
        if (site.pending.isEmpty() || site.immediate) {
          continue;
        }
        site.immediate = true;
      }
      try {
        vertx.runOnContext(v -> flush(site));
      } catch (RuntimeException e) {
        synchronized (site) {
          site.immediate = false;
        }
        log.debug("live feed of {}: no frame sent: {}", site.id, e.toString());
      }
    }
  }

  /**
   * Publishes what is pending as one frame. Runs from a timer or at once; a timer that finds nothing
   * (an earlier flush took it) does nothing. Whatever is added after the drain schedules anew.
   */
  private void flush(Site site) {
    // One frame of a site at a time, so that frames are published (and delivered) in order.
    synchronized (site.publishing) {
      Frame frame;
      synchronized (site) {
        site.scheduled = false;
        site.immediate = false;
        if (site.pending.isEmpty()) {
          return;
        }
        site.lastFrame = System.nanoTime();
        frame = site.pending.drain(site.id);
      }
      vertx.eventBus().publish(address(site.id), frame, LOCAL_FRAME);
    }
  }

  /** A site's pending deltas and frame schedule; guarded by its own monitor. */
  private static final class Site {
    final String id;
    final PendingDeltas pending = new PendingDeltas(MAX_PENDING_DELTAS, MAX_PENDING_CHARS);
    final Object publishing = new Object();
    /** A timer will flush. */
    boolean scheduled;
    /** A flush is on its way now (frame full, or the end of a batch). */
    boolean immediate;
    long lastFrame = System.nanoTime() - Long.MAX_VALUE / 4;

    Site(String id) {
      this.id = id;
    }
  }
}
