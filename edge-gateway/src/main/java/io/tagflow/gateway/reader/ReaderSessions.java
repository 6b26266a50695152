package io.tagflow.gateway.reader;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;

/**
 * All reader sessions of one gateway on one event loop group. Sessions are independent: one reader
 * failing, or sending garbage, never disturbs another.
 *
 * <p>{@link #stop()} stops every session gracefully (STOP_ROSPEC, CLOSE_CONNECTION) in parallel and,
 * when the group was created here, shuts it down afterwards.
 */
public final class ReaderSessions {
  private final List<ReaderSession> sessions;
  private final EventLoopGroup ownedGroup;

  private ReaderSessions(List<ReaderSession> sessions, EventLoopGroup ownedGroup) {
    this.sessions = sessions;
    this.ownedGroup = ownedGroup;
  }

  /** Starts a session per reader on a new single-threaded NIO group, with system time and jitter. */
  public static ReaderSessions start(List<ReaderSettings> readers, TagReportListener listener, MeterRegistry registry) {
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    return start(readers, group, group, listener, registry, new SplittableRandom(), InstantSource.system());
  }

  /** Starts a session per reader on the caller's group, which the caller shuts down. */
  public static ReaderSessions start(List<ReaderSettings> readers, EventLoopGroup group, TagReportListener listener,
                                     MeterRegistry registry, RandomGenerator random, InstantSource clock) {
    return start(readers, group, null, listener, registry, random, clock);
  }

  private static ReaderSessions start(List<ReaderSettings> readers, EventLoopGroup group, EventLoopGroup owned,
                                      TagReportListener listener, MeterRegistry registry, RandomGenerator random,
                                      InstantSource clock) {
    Set<String> ids = new HashSet<>();
    for (ReaderSettings reader : readers) {
      if (!ids.add(reader.readerId())) {
        if (owned != null) {
          owned.shutdownGracefully();
        }
        throw new IllegalArgumentException("readerId must be unique, '" + reader.readerId() + "' appears twice");
      }
    }
    List<ReaderSession> sessions = readers.stream()
        .map(r -> ReaderSession.create(r, group, listener, registry, random, clock)).toList();
    sessions.forEach(ReaderSession::start);
    return new ReaderSessions(sessions, owned);
  }

  public List<ReaderSession> sessions() {
    return sessions;
  }

  /** Stops every session; completes when all are closed (and the owned group is shut down). */
  public CompletableFuture<Void> stop() {
    CompletableFuture<Void> all = CompletableFuture.allOf(sessions.stream().map(ReaderSession::stop)
        .toArray(CompletableFuture[]::new));
    if (ownedGroup == null) {
      return all;
    }
    return all.thenCompose(ignored -> {
      CompletableFuture<Void> down = new CompletableFuture<>();
      ownedGroup.shutdownGracefully().addListener(f -> down.complete(null));
      return down;
    });
  }
}
