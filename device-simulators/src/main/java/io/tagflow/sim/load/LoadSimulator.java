package io.tagflow.sim.load;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.tagflow.sim.reader.SimulatedReader;
import io.tagflow.sim.reader.SimulatedReaderOptions;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Many simulated LLRP readers in one process for load tests: {@code readers} endpoints on one shared
 * NIO event loop group, each serving one client with a {@link SyntheticTagSource} at {@code
 * readsPerSecond}. Reports are written by the codec's RoAccessReportEncoder straight into pooled
 * buffers; nothing is allocated per tag.
 *
 * <p>Ports: with {@code portBase} &gt; 0 the readers listen on {@code portBase .. portBase+readers-1};
 * with 0 each takes a free port ({@link #addresses()} lists them). {@link #start()} completes when
 * every reader listens, or fails with the first bind error after stopping the others. {@link #stop()}
 * closes every reader and then the group.
 */
public final class LoadSimulator {
  /** Enough loops to use every core; one reader's state stays on one loop. */
  public static final int DEFAULT_THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());

  private final EventLoopGroup group;
  private final List<SimulatedReader> readers = new ArrayList<>();
  private final List<SyntheticTagSource> sources = new ArrayList<>();

  private LoadSimulator(LoadSettings settings, InstantSource clock) {
    group = new MultiThreadIoEventLoopGroup(settings.threads(), NioIoHandler.newFactory());
    for (int r = 0; r < settings.readers(); r++) {
      SyntheticTagSource source = new SyntheticTagSource(settings.readsPerSecond(), settings.population(), r);
      SimulatedReaderOptions options = SimulatedReaderOptions.defaults()
          .withHost(settings.host())
          .withPort(settings.portBase() == 0 ? 0 : settings.portBase() + r)
          .withInventoryRound(settings.inventoryRound())
          .withReportEveryTags(settings.tagsPerReport());
      sources.add(source);
      readers.add(SimulatedReader.create(options, source, clock, group));
    }
  }

  /**
   * Load settings, validated.
   *
   * @param readers simulated readers, 1..10000
   * @param readsPerSecond tag reads per second each reader produces
   * @param tagsPerReport tags per RO_ACCESS_REPORT, 0 to follow the client's ROReportSpec
   * @param portBase first port, 0 for free ports
   * @param population distinct EPCs per reader
   * @param inventoryRound time between inventory rounds
   * @param threads event loop threads shared by every reader
   */
  public record LoadSettings(String host, int readers, double readsPerSecond, int tagsPerReport, int portBase,
                             int population, Duration inventoryRound, int threads) {
    public static final int DEFAULT_TAGS_PER_REPORT = 100;
    public static final int DEFAULT_POPULATION = 500;
    public static final Duration DEFAULT_INVENTORY_ROUND = Duration.ofMillis(50);

    public LoadSettings {
      if (readers < 1 || readers > 10_000) {
        throw new IllegalArgumentException("readers must be 1..10000, was " + readers);
      }
      if (portBase < 0 || portBase + readers - 1 > 65535) {
        throw new IllegalArgumentException("port-base must be 0 (free ports) or leave room for " + readers
            + " consecutive ports below 65536, was " + portBase);
      }
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be at least 1, was " + threads);
      }
      // host, readsPerSecond, tagsPerReport, population and inventoryRound are checked where they are used.
    }

    public static LoadSettings of(int readers, double readsPerSecond) {
      return new LoadSettings(SimulatedReaderOptions.DEFAULT_HOST, readers, readsPerSecond, DEFAULT_TAGS_PER_REPORT, 0,
          DEFAULT_POPULATION, DEFAULT_INVENTORY_ROUND, DEFAULT_THREADS);
    }

    public LoadSettings withTagsPerReport(int value) {
      return new LoadSettings(host, readers, readsPerSecond, value, portBase, population, inventoryRound, threads);
    }

    public LoadSettings withPortBase(int value) {
      return new LoadSettings(host, readers, readsPerSecond, tagsPerReport, value, population, inventoryRound, threads);
    }

    public LoadSettings withThreads(int value) {
      return new LoadSettings(host, readers, readsPerSecond, tagsPerReport, portBase, population, inventoryRound, value);
    }
  }

  /**
   * Readers that are not listening yet.
   *
   * @throws IllegalArgumentException naming the first bad setting
   */
  public static LoadSimulator create(LoadSettings settings, InstantSource clock) {
    return new LoadSimulator(settings, clock);
  }

  /** Binds every reader; completes with their addresses in reader order. */
  public CompletableFuture<List<InetSocketAddress>> start() {
    List<CompletableFuture<InetSocketAddress>> bound = readers.stream().map(SimulatedReader::start).toList();
    return CompletableFuture.allOf(bound.toArray(CompletableFuture[]::new))
        .thenApply(ignored -> bound.stream().map(CompletableFuture::join).toList())
        .exceptionallyCompose(failure -> stop().thenCompose(ignored -> CompletableFuture.failedFuture(failure)));
  }

  /** The bound addresses, in reader order ({@code null} for a reader not bound yet). */
  public List<InetSocketAddress> addresses() {
    return readers.stream().map(SimulatedReader::address).toList();
  }

  /** Readers with a connected client. */
  public int connected() {
    int n = 0;
    for (SimulatedReader reader : readers) {
      if (reader.hasClient()) {
        n++;
      }
    }
    return n;
  }

  /** Reads produced and handed to the report encoder so far, over every reader. */
  public long generated() {
    long n = 0;
    for (SyntheticTagSource source : sources) {
      n += source.generated();
    }
    return n;
  }

  public int readerCount() {
    return readers.size();
  }

  /** Closes every reader, then the shared group; completes when its threads are gone. */
  public CompletableFuture<Void> stop() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    CompletableFuture.allOf(readers.stream().map(SimulatedReader::stop).toArray(CompletableFuture[]::new))
        .orTimeout(10, TimeUnit.SECONDS)
        .whenComplete((ignored, failure) -> group.shutdownGracefully(0, 2, TimeUnit.SECONDS)
            .addListener(f -> done.complete(null)));
    return done;
  }
}
