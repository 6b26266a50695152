package io.tagflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tagflow.controlplane.model.DoorSpec;
import io.tagflow.testing.HeadlessChromium;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The one end-to-end test through every component: simulated readers → gateway (LLRP 1.1 over TCP) →
 * MQTT broker → control plane → PostgreSQL → the supervisor's map in a headless Chromium. The demo runs
 * in-process as {@code ./tagflow demo} does ({@link DemoIT}), on free ports; the page must show stocked
 * bins, a movement through one of the site's doors, and the locked lot's unexpected exit, which a named
 * supervisor then acknowledges. Skips when Chromium/chromedriver are absent ({@link HeadlessChromium}).
 *
 * <p>Run: {@code ./mvnw -B -pl deploy -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 * -Dit.test=DemoBrowserIT -Dfailsafe.failIfNoSpecifiedTests=false}. Leaves {@code deploy/target/e2e-map.png}.
 */
class DemoBrowserIT {
  /** Generous for a loaded 2-core CI: the scene's first exit decides after its trailer closes (~25 s). */
  private static final Duration WAIT = Duration.ofSeconds(180);
  private static final String LOCKED_LOT = "LOT-HOLD";
  private static final String SUPERVISOR = "Ines Duarte";
  private static final Path SCREENSHOT = Path.of("target", "e2e-map.png");

  @Test
  void demo_inBrowser_stockMovementAndLockedLotExitShown_exitAcknowledged() throws Exception {
    assumeTrue(HeadlessChromium.unavailable().isEmpty(), () -> "browser IT skipped: " + HeadlessChromium.unavailable().get());
    try (HeadlessChromium browser = HeadlessChromium.start(1600, 1100);
        Demo demo = startDemo()) {
      ChromeDriver page = browser.driver();
      String site = demo.site().id();
      Set<String> doors = demo.site().doors().stream().map(DoorSpec::id).collect(Collectors.toSet());
      page.get(demo.url().resolve("/map/?site=" + site).toString());
      browser.waitUpTo(WAIT).until(ExpectedConditions.attributeToBe(
          By.cssSelector("[data-testid='connection-status']"), "data-state", "open"));
      assertThat(page.findElements(By.cssSelector("[data-testid^='bin-']")))
          .hasSizeGreaterThanOrEqualTo(demo.site().bins().size());

      WebElement stocked = browser.waitUpTo(WAIT).until(ExpectedConditions.presenceOfElementLocated(
          By.cssSelector("[data-testid='floor-map'] .bin:not([data-count='0'])")));
      assertThat(Integer.parseInt(stocked.getDomAttribute("data-count"))).isPositive();
      // The bins are drawn on a canvas: inside the stocked bin it shows the bin's fill colour.
      assertThat(page.executeScript("return window.tagflowMap.floor.pixel(arguments[0])", stocked.getDomAttribute("data-bin")))
          .isEqualTo(stocked.getDomAttribute("data-colour"));

      WebElement movement = browser.waitUpTo(WAIT).until(ExpectedConditions.presenceOfElementLocated(
          By.cssSelector("[data-testid='movement-ticker'] li[data-door]")));
      assertThat(movement.getDomAttribute("data-door")).isIn(doors);
      assertThat(movement.getText()).contains(movement.getDomAttribute("data-door"));

      WebElement exit = browser.waitUpTo(WAIT).until(d -> lockedLotExit(d, "open"));
      assertThat(exit.getText()).contains("Unexpected exit", LOCKED_LOT, "locked");
      String id = exit.getDomAttribute("data-id");

      WebElement name = page.findElement(By.cssSelector("[data-testid='supervisor-name']"));
      name.clear();
      name.sendKeys(SUPERVISOR);
      page.findElement(By.cssSelector("[data-testid='ack-" + id + "']")).click();
      browser.waitUpTo(WAIT).until(ExpectedConditions.attributeToBe(
          By.cssSelector("[data-testid='anomaly-" + id + "']"), "data-status", "acknowledged"));
      assertThat(page.findElement(By.cssSelector("[data-testid='anomaly-" + id + "-status']")).getText())
          .startsWith("✓ Acknowledged by " + SUPERVISOR);

      Path shot = browser.screenshot(SCREENSHOT);
      assertThat(Files.size(shot)).isGreaterThan(20_000);
    }
  }

  private static Demo startDemo() throws Exception {
    DemoOptions options = DemoOptions.defaults().withHttpPort(0).withStatusEvery(Duration.ofSeconds(10));
    return Demo.start(options, DemoMain.loadScenario(options), System.out, Clock.systemUTC());
  }

  /** The locked lot's unexpected-exit row in the anomaly panel with {@code status}, or null (keep waiting). */
  private static WebElement lockedLotExit(WebDriver page, String status) {
    for (WebElement row : page.findElements(By.cssSelector(
        "[data-testid='anomaly-list'] li[data-type='unexpected_exit'][data-status='" + status + "']"))) {
      if (row.getText().contains(LOCKED_LOT)) {
        return row;
      }
    }
    return null;
  }
}
