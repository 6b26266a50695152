package io.tagflow.gateway.reader.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.tagflow.gateway.reader.ReaderState;
import io.tagflow.protocol.llrp.LlrpStatusCode;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The meters of one reader, all tagged {@code reader=<id>}. Rates (reports/s, tags/s) are left to
 * Prometheus' {@code rate()} over the counters.
 */
public final class ReaderMetrics {
  private final MeterRegistry registry;
  private final Tags tags;
  private final AtomicInteger state = new AtomicInteger(ReaderState.DISCONNECTED.code());
  private final Counter connects;
  private final Counter reconnects;
  private final Counter reports;
  private final Counter tagsRead;
  private final Counter decodeErrors;
  private final Counter deadLinks;
  private final Timer keepaliveLag;

  public ReaderMetrics(MeterRegistry registry, String readerId) {
    this.registry = registry;
    this.tags = Tags.of("reader", readerId);
    registry.gauge("tagflow.reader.state", tags, state);
    connects = Counter.builder("tagflow.reader.connects").description("TCP connections established").tags(tags).register(registry);
    reconnects = Counter.builder("tagflow.reader.reconnects").description("connection attempts after a failure or loss").tags(tags).register(registry);
    reports = Counter.builder("tagflow.reader.reports").description("RO_ACCESS_REPORTs decoded").tags(tags).register(registry);
    tagsRead = Counter.builder("tagflow.reader.tags").description("TagReportData decoded").tags(tags).register(registry);
    decodeErrors = Counter.builder("tagflow.reader.decode.errors").description("malformed frames or messages").tags(tags).register(registry);
    deadLinks = Counter.builder("tagflow.reader.dead.links").description("links closed after 3 missed keepalives").tags(tags).register(registry);
    keepaliveLag = Timer.builder("tagflow.reader.keepalive.lag").description("KEEPALIVE arrival later than its period").tags(tags).register(registry);
  }

  public void state(ReaderState value) {
    state.set(value.code());
  }

  public void connected() {
    connects.increment();
  }

  public void reconnecting() {
    reconnects.increment();
  }

  public void report(int tagCount) {
    reports.increment();
    tagsRead.increment(tagCount);
  }

  public void decodeError() {
    decodeErrors.increment();
  }

  public void deadLink() {
    deadLinks.increment();
  }

  public void keepaliveLag(Duration lag) {
    keepaliveLag.record(lag.isNegative() ? Duration.ZERO : lag);
  }

  /** A failed LLRPStatus or an ERROR_MESSAGE, counted under the spec's status name. */
  public void errorStatus(int code) {
    registry.counter("tagflow.reader.llrp.errors", tags.and("status", LlrpStatusCode.nameOf(code))).increment();
  }
}
