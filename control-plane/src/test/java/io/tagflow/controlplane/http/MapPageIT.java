package io.tagflow.controlplane.http;

import static io.tagflow.controlplane.EventFixtures.GATEWAY;
import static io.tagflow.controlplane.EventFixtures.SITE;
import static io.tagflow.controlplane.EventFixtures.epc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tagflow.controlplane.ControlPlaneConfig;
import io.tagflow.controlplane.ControlPlaneService;
import io.tagflow.controlplane.EventFixtures;
import io.tagflow.controlplane.model.BinSpec;
import io.tagflow.controlplane.model.DoorSpec;
import io.tagflow.controlplane.model.Lot;
import io.tagflow.controlplane.model.LotStatus;
import io.tagflow.controlplane.model.SiteLayout;
import io.tagflow.controlplane.model.TagRecord;
import io.tagflow.controlplane.repository.Repositories;
import io.tagflow.controlplane.repository.postgres.PgRepositories;
import io.tagflow.controlplane.store.Database;
import io.tagflow.controlplane.store.StoreOptions;
import io.tagflow.protocol.event.Direction;
import io.tagflow.protocol.event.EventCodec;
import io.tagflow.protocol.event.EventIds;
import io.tagflow.protocol.event.LocationEvent;
import io.tagflow.protocol.event.MovementEvent;
import io.tagflow.protocol.event.MovementEvidence;
import io.tagflow.protocol.event.TagObservation;
import io.tagflow.protocol.event.Topics;
import io.tagflow.testing.HeadlessChromium;
import io.tagflow.testing.TestBroker;
import io.tagflow.testing.TestDatabase;
import io.tagflow.testing.TestServices;
import io.vertx.core.Vertx;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The supervisor's map in a real (headless) Chromium, fed end to end: events published over MQTT in the
 * event contract, ingested into PostgreSQL, through the control plane's live state and rules, over its
 * WebSocket feed into the page. Skips when Chromium/chromedriver are not installed ({@link HeadlessChromium}).
 *
 * <p>Run: {@code ./mvnw -B -pl control-plane -am verify -Dit.test=MapPageIT -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false}. Leaves {@code control-plane/target/map-screenshot.png}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MapPageIT {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String SUPERVISOR = "Dana Okafor";
  private static final Path SCREENSHOT = Path.of("target", "map-screenshot.png");
  private static final String BIG_SITE = "dc-big";
  private static final int BIG_BINS = 2000;
  /** EPC numbers of the scale test's tags: 20000 + bin index. */
  private static final int BIG_EPC = 20000;

  private static TestDatabase testDb;
  private static Database db;
  private static Repositories repositories;
  private static TestBroker broker;
  private static Topics topics;
  private static MqttClient publisher;
  private static Vertx vertx;
  private static ControlPlaneConfig config;
  private static ControlPlaneService service;
  private static HeadlessChromium browser;
  private static ChromeDriver page;
  private static EventFixtures events;
  private static final EventCodec codec = new EventCodec();
  private static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    // First: skips the class when there is no Chromium.
    assumeTrue(HeadlessChromium.unavailable().isEmpty(), () -> "browser IT skipped: " + HeadlessChromium.unavailable().get());
    browser = HeadlessChromium.start(1600, 1100);
    page = browser.driver();
    testDb = TestServices.newDatabase("map");
    broker = TestServices.newBroker("map");
    topics = Topics.under(broker.topicPrefix());
    events = new EventFixtures(Instant.now().minus(Duration.ofMinutes(10)));
    // A fixed port: the page must find the control plane again at the same address after a restart.
    config = new ControlPlaneConfig(new ControlPlaneConfig.Http(null, freePort(), null),
        new ControlPlaneConfig.Database(testDb.jdbcUrl(), null, null, 4),
        new ControlPlaneConfig.Mqtt(broker.uri(), broker.topicPrefix(), "it-map-" + UUID.randomUUID()),
        null, List.of(layout(), bigLayout()));
    vertx = Vertx.vertx();
    service = startService();
    db = Database.open(StoreOptions.defaults(testDb.jdbcUrl()), Clock.systemUTC());
    repositories = PgRepositories.create(db.dataSource(), Clock.systemUTC());
    seedRegistry();
    publisher = new MqttClient(broker.uri(), "it-map-pub-" + UUID.randomUUID(), new MemoryPersistence());
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setCleanStart(true);
    publisher.connect(o);
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser == null) {
      return;
    }
    browser.close();
    if (publisher != null) {
      publisher.disconnect();
      publisher.close();
    }
    if (service != null) {
      await(service.stop());
    }
    if (vertx != null) {
      await(vertx.close());
    }
    if (db != null) {
      db.close();
    }
    if (testDb != null) {
      testDb.close();
    }
  }

  /** Six aisles of ten bins (capacity 4), four dock doors on the south wall. */
  static SiteLayout layout() {
    List<BinSpec> bins = new ArrayList<>();
    String aisles = "ABCDEF";
    for (int a = 0; a < aisles.length(); a++) {
      for (int i = 1; i <= 10; i++) {
        double y = 2 + (a / 2) * 7 + (a % 2) * 2.6; // aisles in back-to-back pairs, 7 m apart
        bins.add(new BinSpec(String.format("%c-%02d", aisles.charAt(a), i), 4, 2 + (i - 1) * 2.6, y));
      }
    }
    List<DoorSpec> doors = new ArrayList<>();
    for (int d = 1; d <= 4; d++) {
      doors.add(new DoorSpec("D" + d, List.of("stage-" + d), 1.0 + (d - 1) * 7.0, 23.5));
    }
    return new SiteLayout(SITE, "Lyon DC", false, doors, bins);
  }

  /** The scale case: 2,000 bins (capacity 2) and 4 doors, none placed, so the page lays them out. */
  static SiteLayout bigLayout() {
    List<BinSpec> bins = new ArrayList<>();
    for (int i = 0; i < BIG_BINS; i++) {
      bins.add(new BinSpec(String.format("Z-%04d", i), 2));
    }
    List<DoorSpec> doors = new ArrayList<>();
    for (int d = 1; d <= 4; d++) {
      doors.add(new DoorSpec("BD" + d, List.of()));
    }
    return new SiteLayout(BIG_SITE, "Big DC", false, doors, bins);
  }

  /** Lots: LOT-A and LOT-S active, LOT-HOLD locked (QA hold); tags 100-199 A, 200-299 HOLD, 300-399 S. */
  static void seedRegistry() {
    Instant t = Instant.now();
    repositories.lots().create(new Lot("LOT-A", "09506000134352", "Apple juice 1 l", null, LotStatus.ACTIVE, null, "it", t));
    repositories.lots().create(new Lot("LOT-S", "09506000134369", "Sparkling water", null, LotStatus.ACTIVE, null, "it", t));
    repositories.lots().create(new Lot("LOT-HOLD", "09506000134376", "Yoghurt", null, LotStatus.LOCKED, "QA hold", "qa", t));
    List<TagRecord> tags = new ArrayList<>();
    for (int n = 100; n < 400; n++) {
      tags.add(new TagRecord(epc(n), n < 200 ? "LOT-A" : n < 300 ? "LOT-HOLD" : "LOT-S"));
    }
    for (int n = 1000; n < 1300; n++) {
      tags.add(new TagRecord(epc(n), "LOT-S"));
    }
    for (int n = BIG_EPC; n < BIG_EPC + BIG_BINS; n++) {
      tags.add(new TagRecord(epc(n), "LOT-S"));
    }
    repositories.tags().upsertAll(tags);
  }

  static ControlPlaneService startService() throws Exception {
    return await(ControlPlaneService.start(vertx, config, Clock.systemUTC()));
  }

  static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static <T> T await(io.vertx.core.Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @BeforeEach
  void openPage() {
    page.get("http://127.0.0.1:" + config.http().port() + "/");
    awaitLive();
  }

  // --- tests

  @Test
  @Order(1)
  void palletsArriveAndArePutAway_doorFlashesInAndBinFills() throws Exception {
    WebElement bin = bin("A-01");
    assertThat(bin.getDomAttribute("data-count")).isEqualTo("0");

    moveThrough("D1", Direction.IN, epc(100), epc(101), epc(102));
    waitFor().until(ExpectedConditions.attributeToBe(door("D1"), "data-last-direction", "IN"));
    assertThat(page.findElement(door("D1")).getDomAttribute("data-last-count")).isEqualTo("3");
    assertThat(page.findElement(By.cssSelector("[data-testid='door-D1-flash'] text")).getText()).isEqualTo("IN 3");
    WebElement tick = waitFor().until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector("[data-testid='movement-ticker'] li[data-door='D1'][data-direction='IN']")));
    assertThat(tick.getText()).contains("D1").contains("3 tags");

    putAway("A-01", epc(100), epc(101), epc(102));
    waitFor().until(ExpectedConditions.attributeToBe(bin("A-01"), "data-count", "3"));
    assertThat(bin("A-01").getDomAttribute("data-fill")).isEqualTo("75");
    // The bins are drawn on a canvas: the colour each bin element carries must be what the canvas shows
    // inside that bin, and a filled bin's colour must differ from an empty one's.
    String fill = bin("A-01").getDomAttribute("data-colour");
    String emptyFill = bin("A-02").getDomAttribute("data-colour");
    assertThat(fill).matches("#[0-9a-f]{6}").isNotEqualTo(emptyFill);
    assertThat(canvasColour("A-01")).isEqualTo(fill);
    assertThat(canvasColour("A-02")).isEqualTo(emptyFill);

    new Actions(page).moveToElement(bin("A-01")).perform();
    WebElement tip = waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid='bin-tooltip']")));
    assertThat(tip.getText()).contains("Bin A-01").contains("3 of 4").contains("LOT-A: 3");

    bin("A-01").click();
    WebElement detail = waitFor().until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("[data-testid='bin-detail-summary']")));
    assertThat(detail.getText()).isEqualTo("A-01: 3 of 4 (75%)");
    assertThat(page.findElement(By.cssSelector("[data-testid='bin-detail'] table")).getText()).contains(epc(100), "LOT-A");
  }

  @Test
  @Order(2)
  void lockedLotLeaves_unexpectedExitShown_acknowledgedByNamedSupervisor() throws Exception {
    putAway("B-03", epc(200), epc(201));
    waitFor().until(ExpectedConditions.attributeToBe(bin("B-03"), "data-count", "2"));
    waitFor().until(ExpectedConditions.attributeContains(bin("B-03"), "class", "held"));
    assertThat(bin("B-03").getDomAttribute("data-held")).isEqualTo("LOT-HOLD");

    moveThrough("D3", Direction.OUT, epc(200), epc(201));
    waitFor().until(ExpectedConditions.attributeToBe(door("D3"), "data-last-direction", "OUT"));
    assertThat(page.findElement(By.cssSelector("[data-testid='door-D3-flash'] text")).getText()).isEqualTo("OUT 2");
    WebElement row = waitFor().until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector("[data-testid='anomaly-list'] li[data-type='unexpected_exit'][data-status='open']")));
    assertThat(row.getText()).contains("Unexpected exit").contains("LOT-HOLD").contains("D3").contains("locked");
    waitFor().until(ExpectedConditions.attributeToBe(bin("B-03"), "data-count", "0"));

    String id = row.getDomAttribute("data-id");
    WebElement name = page.findElement(By.cssSelector("[data-testid='supervisor-name']"));
    name.clear();
    page.findElement(By.cssSelector("[data-testid='ack-" + id + "']")).click();
    assertThat(page.findElement(By.cssSelector("[data-testid='anomaly-message']")).getText())
        .isEqualTo("Enter your name to acknowledge.");
    name.sendKeys(SUPERVISOR);
    page.findElement(By.cssSelector("[data-testid='ack-" + id + "']")).click();

    By rowBy = By.cssSelector("[data-testid='anomaly-" + id + "']");
    waitFor().until(ExpectedConditions.attributeToBe(rowBy, "data-status", "acknowledged"));
    assertThat(page.findElement(By.cssSelector("[data-testid='anomaly-" + id + "-status']")).getText())
        .startsWith("✓ Acknowledged by " + SUPERVISOR);
    JsonNode acknowledged = getJson("/api/sites/" + SITE + "/anomalies?status=acknowledged");
    JsonNode stored = null;
    for (JsonNode a : acknowledged) {
      if (a.get("id").asText().equals(id)) {
        stored = a;
      }
    }
    assertThat(stored).as("anomaly %s acknowledged in the API", id).isNotNull();
    assertThat(stored.get("statusBy").asText()).isEqualTo(SUPERVISOR);
    assertThat(Instant.parse(stored.get("statusAt").asText())).isAfter(Instant.now().minus(Duration.ofMinutes(5)));

    // The name is remembered: a reload keeps it, and the row stays acknowledged.
    openPage();
    assertThat(page.findElement(By.cssSelector("[data-testid='supervisor-name']")).getDomProperty("value")).isEqualTo(SUPERVISOR);
    waitFor().until(ExpectedConditions.attributeToBe(rowBy, "data-status", "acknowledged"));
  }

  @Test
  @Order(3)
  void lotSearch_highlightsItsBinsAndListsItsMovements() throws Exception {
    moveThrough("D2", Direction.IN, epc(300), epc(301), epc(302));
    putAway("C-05", epc(300), epc(301));
    putAway("E-07", epc(302));
    waitFor().until(ExpectedConditions.attributeToBe(bin("E-07"), "data-count", "1"));

    WebElement input = page.findElement(By.cssSelector("[data-testid='lot-search-input']"));
    input.sendKeys("LOT-S");
    page.findElement(By.cssSelector("[data-testid='lot-search-button']")).click();

    waitFor().until(ExpectedConditions.attributeContains(bin("C-05"), "class", "hit"));
    assertThat(bin("E-07").getDomAttribute("class")).contains("hit");
    assertThat(bin("A-01").getDomAttribute("class")).doesNotContain("hit");
    WebElement results = page.findElement(By.cssSelector("[data-testid='lot-search-results']"));
    assertThat(results.findElement(By.cssSelector("[data-testid='lot-place-C-05']")).getText()).contains("bin C-05").contains("2");
    assertThat(results.findElement(By.cssSelector("[data-testid='lot-place-E-07']")).getText()).contains("1");
    assertThat(results.findElement(By.cssSelector("[data-testid='lot-movements'] li[data-door='D2'][data-direction='IN']"))
        .getText()).contains("3 of 3 tags");

    input.clear();
    input.sendKeys("NO-SUCH-LOT");
    page.findElement(By.cssSelector("[data-testid='lot-search-button']")).click();
    WebElement error = waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid='lot-search-error']")));
    assertThat(error.getText()).contains("NO-SUCH-LOT");
    assertThat(bin("C-05").getDomAttribute("class")).doesNotContain("hit");
  }

  @Test
  @Order(4)
  void controlPlaneRestarts_bannerShowsReconnectingThenClearsAndUpdatesResume() throws Exception {
    By banner = By.cssSelector("[data-testid='connection-banner']");
    assertThat(page.findElement(banner).isDisplayed()).isFalse();

    await(service.stop());
    service = null;
    WebElement shown = waitFor().until(ExpectedConditions.visibilityOfElementLocated(banner));
    assertThat(shown.getText()).contains("reconnecting…");
    assertThat(page.findElement(By.cssSelector("[data-testid='connection-status']")).getDomAttribute("data-state"))
        .isEqualTo("reconnecting");
    // It keeps trying with growing delays: wait for a second attempt before coming back.
    waitFor().until(ExpectedConditions.textToBePresentInElementLocated(banner, "attempt 2"));

    service = startService();
    waitFor().until(ExpectedConditions.invisibilityOfElementLocated(banner));
    awaitLive();
    // The page applies the new snapshot on its next animation frame; the rebuilt state must show there.
    waitFor().withMessage("bin A-01 shows the count rebuilt from the store")
        .until(ExpectedConditions.attributeToBe(bin("A-01"), "data-count", "3"));

    putAway("F-10", epc(1000));
    waitFor().until(ExpectedConditions.attributeToBe(bin("F-10"), "data-count", "1"));
  }

  @Test
  @Order(5)
  void busySite_screenshotForSupervisors() throws Exception {
    // Fill the floor unevenly: every bin gets 0-4 units, one bin over capacity.
    List<String> ids = layout().bins().stream().map(BinSpec::id).toList();
    int n = 1001;
    for (int i = 0; i < ids.size(); i++) {
      String b = ids.get(i);
      int want = (i * 7 + i / 10) % 5;
      int have = Integer.parseInt(bin(b).getDomAttribute("data-count"));
      for (int k = have; k < want && n < 1290; k++) {
        putAway(b, epc(n++));
      }
    }
    putAway("F-02", epc(210), epc(211)); // a locked lot that stays: hatched with a lock
    String[] over = {epc(1290), epc(1291), epc(1292), epc(1293), epc(1294)};
    putAway("D-04", over);
    waitFor().until(ExpectedConditions.attributeContains(bin("D-04"), "class", "over"));
    waitFor().until(ExpectedConditions.attributeContains(bin("F-02"), "class", "held"));
    waitFor().until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector("[data-testid='anomaly-list'] li[data-type='bin_over_capacity']")));
    moveThrough("D4", Direction.IN, epc(1295), epc(1296), epc(1297), epc(1298));
    moveThrough("D2", Direction.OUT, epc(1001), epc(1002));
    waitFor().until(ExpectedConditions.attributeToBe(door("D4"), "data-last-direction", "IN"));
    waitFor().until(ExpectedConditions.attributeToBe(door("D2"), "data-last-direction", "OUT"));
    // Photograph while the door flashes are still at full strength (they hold for 1.5 s, then fade).

    Path shot = browser.screenshot(SCREENSHOT);
    assertThat(Files.size(shot)).isGreaterThan(20_000);
    assertThat(page.findElement(By.cssSelector("[data-testid='site-stats']")).getText()).contains("60 bins");
  }

  @Test
  @Order(6)
  void twoThousandBins_fiftyMovementsPerSecond_onlyChangedNodesUpdatedInBatches() throws Exception {
    page.get("http://127.0.0.1:" + config.http().port() + "/map/?site=" + BIG_SITE);
    awaitLive();
    assertThat(page.executeScript("return document.querySelectorAll(\"[data-testid='floor-map'] .bin\").length"))
        .isEqualTo((long) BIG_BINS);
    // Instrument the page: time each batched flush, count animation frames and long tasks (> 50 ms).
    page.executeScript("""
        const f = window.tagflowMap.floor; const flush = f.flush.bind(f);
        window.perf = { flushes: [], frames: 0, longTasks: [], start: performance.now() };
        f.flush = () => { const t = performance.now(); flush(); window.perf.flushes.push(performance.now() - t); };
        const tick = () => { window.perf.frames++; requestAnimationFrame(tick); }; requestAnimationFrame(tick);
        new PerformanceObserver((l) => l.getEntries().forEach((e) => window.perf.longTasks.push(e.duration)))
          .observe({ type: 'longtask' });
        """);

    // 10 s at 50 ticks/s: each tick one movement of 4 pallets IN through a door, and 4 of them put away.
    EventIds ids = new EventIds(Clock.systemUTC());
    ScheduledExecutorService pace = Executors.newSingleThreadScheduledExecutor();
    CountDownLatch done = new CountDownLatch(BIG_BINS / 4);
    AtomicReference<Exception> failed = new AtomicReference<>();
    AtomicInteger next = new AtomicInteger();
    Instant t0 = Instant.now();
    pace.scheduleAtFixedRate(() -> {
      int first = next.getAndAdd(4);
      if (first >= BIG_BINS) {
        return;
      }
      try {
        Instant at = t0.plusMillis(first * 5L);
        MovementEvent.Builder m = MovementEvent.builder().movementId(ids.next()).site(BIG_SITE).gateway(GATEWAY)
            .door("BD" + (1 + (first / 4) % 4)).direction(Direction.IN).confidence(0.9)
            .startedAt(at.minusSeconds(2)).endedAt(at).evidence(new MovementEvidence(10, 20, 6.5, null));
        for (int i = first; i < first + 4; i++) {
          m.tag(new TagObservation(epc(BIG_EPC + i), null, at.minusSeconds(2), at, 5, -50));
        }
        publish(topics.movements(BIG_SITE, GATEWAY), codec.encode(m.build()));
        for (int i = first; i < first + 4; i++) {
          publish(topics.locations(BIG_SITE, GATEWAY), codec.encode(LocationEvent.of(ids.next(), BIG_SITE, GATEWAY,
              epc(BIG_EPC + i), String.format("Z-%04d", i), null, at.plusMillis(1 + i - first), 0.8)));
        }
      } catch (Exception e) {
        failed.compareAndSet(null, e);
      }
      done.countDown();
    }, 0, 20, TimeUnit.MILLISECONDS);
    try {
      assertThat(done.await(60, TimeUnit.SECONDS)).as("published").isTrue();
    } finally {
      pace.shutdownNow();
    }
    assertThat(failed.get()).isNull();

    AtomicReference<Object> seen = new AtomicReference<>();
    try {
      browser.waitUpTo(Duration.ofSeconds(90)).until(d -> {
        Object state = ((ChromeDriver) d).executeScript("return [document.querySelectorAll(\".bin[data-count='1']\").length,"
            + " window.tagflowMap.feed.reconnects, window.tagflowMap.feed.lastClose, window.perf.frames]");
        seen.set(state);
        return ((List<?>) state).get(0).equals((long) BIG_BINS);
      });
    } catch (org.openqa.selenium.TimeoutException e) {
      throw new AssertionError("bins filled, reconnects, last close, frames: " + seen.get(), e);
    }
    @SuppressWarnings("unchecked")
    java.util.Map<String, Object> perf = (java.util.Map<String, Object>) page.executeScript("""
        const s = [...window.perf.flushes].sort((a, b) => a - b);
        return { flushes: s.length, p50: s[Math.floor(s.length / 2)], p95: s[Math.floor(s.length * 0.95)],
          max: s[s.length - 1], frames: window.perf.frames, seconds: (performance.now() - window.perf.start) / 1000,
          longTasks: window.perf.longTasks.length,
          longest: Math.max(0, ...window.perf.longTasks),
          ticker: document.querySelectorAll('[data-testid=movement-ticker] li').length,
          reconnects: window.tagflowMap.feed.reconnects };
        """);
    System.out.println("RESULT map-scale bins=" + BIG_BINS + " flushes=" + perf.get("flushes") + " flushP50Ms="
        + perf.get("p50") + " flushP95Ms=" + perf.get("p95") + " flushMaxMs=" + perf.get("max") + " frames="
        + perf.get("frames") + " seconds=" + perf.get("seconds") + " longTasks=" + perf.get("longTasks") + " longestTaskMs=" + perf.get("longest"));
    // Batched: far fewer flushes than the 2,500 messages. How long a flush takes is a speed figure, and
    // speed is judged by `./tagflow bench map` (frame p95, long tasks, lag), not here: a shared CI
    // machine under load made a p95 bound in this test fail on timing alone (68.7 ms at load 37).
    assertThat(((Number) perf.get("flushes")).intValue()).isLessThan(2500);
    assertThat(((Number) perf.get("ticker")).intValue()).isEqualTo(40);
    assertThat(page.findElement(door("BD1")).getDomAttribute("data-movements")).isNotEqualTo("0");
    // Only changed areas of the canvas were redrawn: every bin must still show its own current colour.
    Object stale = page.executeScript("""
        const f = window.tagflowMap.floor; const wrong = [];
        for (const [id, n] of f.bins) { const c = f.pixel(id); if (c !== n.el.dataset.colour) { wrong.push(id + ' ' + c + ' != ' + n.el.dataset.colour); } }
        return wrong.slice(0, 10);""");
    assertThat((List<?>) stale).as("bins whose drawing differs from their state").isEmpty();
    browser.screenshot(Path.of("target", "map-scale-screenshot.png"));
  }

  @Test
  @Order(7)
  void heldLotRefreshBetweenAnUpdateAndItsFrame_newerOccupancyKept() {
    // A held-lot refresh repaints every bin. An occupancy queued just before it, in the same frame,
    // must not be replaced by the bin's older painted one (it was, until the map benchmark caught it).
    long before = ((Number) page.executeScript("""
        const f = window.tagflowMap.floor; const o = f.occupancy('E-07');
        f.updateBin({ ...o, count: o.count + 1 });
        f.setHeldLots([...f.held]);
        return o.count;""")).longValue();
    waitFor().until(d -> String.valueOf(before + 1).equals(bin("E-07").getDomAttribute("data-count")));
  }

  // --- helpers

  private static WebDriverWait waitFor() {
    return browser.waitUpTo(WAIT);
  }

  private static void awaitLive() {
    browser.waitUpTo(WAIT).until(ExpectedConditions.attributeToBe(
        By.cssSelector("[data-testid='connection-status']"), "data-state", "open"));
  }

  private static WebElement bin(String id) {
    return page.findElement(By.cssSelector("[data-testid='bin-" + id + "']"));
  }

  /** The colour the floor canvas shows inside a bin (#rrggbb), read from the canvas's pixels. */
  private static String canvasColour(String binId) {
    return (String) page.executeScript("return window.tagflowMap.floor.pixel(arguments[0])", binId);
  }

  private static By door(String id) {
    return By.cssSelector("[data-testid='door-" + id + "']");
  }

  private static void moveThrough(String door, Direction direction, String... epcs) throws Exception {
    publish(topics.movements(SITE, GATEWAY), codec.encode(events.advance(Duration.ofSeconds(2)).movement(door, direction, epcs)));
  }

  private static void putAway(String bin, String... epcs) throws Exception {
    for (String e : epcs) {
      publish(topics.locations(SITE, GATEWAY), codec.encode(events.advance(Duration.ofSeconds(1)).location(e, bin)));
    }
  }

  private static void publish(String topic, byte[] payload) throws Exception {
    MqttMessage m = new MqttMessage(payload);
    m.setQos(1);
    for (int attempt = 1; ; attempt++) {
      try {
        publisher.publish(topic, m);
        return;
      } catch (MqttException e) {
        // Paho frees an in-flight slot just after the PUBACK wakes the publisher: at a high rate a
        // synchronous publish can briefly find none. Try again at once; anything else is a failure.
        if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT || attempt == 10_000) {
          throw e;
        }
        Thread.onSpinWait();
      }
    }
  }

  private static JsonNode getJson(String path) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + config.http().port() + path)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return Json.MAPPER.readTree(r.body());
  }
}
