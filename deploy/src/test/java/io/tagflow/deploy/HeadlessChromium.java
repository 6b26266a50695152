package io.tagflow.deploy;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium through the system chromedriver, for deploy's browser IT (control-plane's
 * {@code fixtures.Browser} is not visible from here). Nothing is downloaded: the driver path is explicit,
 * so Selenium Manager is never consulted; the profile is fresh and deleted on close.
 *
 * <p>{@link #start} skips the calling test (a JUnit assumption) when {@value #CHROMIUM} or
 * {@value #CHROMEDRIVER} is missing: {@code apt-get install -y chromium chromium-driver}.
 */
final class HeadlessChromium implements AutoCloseable {
  static final String CHROMIUM = "/usr/bin/chromium";
  static final String CHROMEDRIVER = "/usr/bin/chromedriver";

  private final ChromeDriver driver;
  private final ChromeDriverService service;
  private final Path profile;

  private HeadlessChromium(ChromeDriver driver, ChromeDriverService service, Path profile) {
    this.driver = driver;
    this.service = service;
    this.profile = profile;
  }

  /** Starts Chromium at {@code width}×{@code height}, or skips the test when it is not installed. */
  static HeadlessChromium start(int width, int height) throws IOException {
    assumeTrue(Files.isExecutable(Path.of(CHROMIUM)),
        "browser IT skipped: no Chromium at " + CHROMIUM + " (apt-get install -y chromium chromium-driver)");
    assumeTrue(Files.isExecutable(Path.of(CHROMEDRIVER)),
        "browser IT skipped: no chromedriver at " + CHROMEDRIVER + " (apt-get install -y chromium-driver)");
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
    System.setProperty("SE_OFFLINE", "true");

    Path profile = Files.createTempDirectory("tagflow-e2e-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--disable-default-apps", "--disable-extensions", "--hide-scrollbars", "--force-device-scale-factor=1",
        "--user-data-dir=" + profile, "--window-size=" + width + "," + height);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(CHROMEDRIVER))
        .usingAnyFreePort()
        .withLogFile(profile.resolve("chromedriver.log").toFile())
        .build();
    try {
      return new HeadlessChromium(new ChromeDriver(service, options), service, profile);
    } catch (RuntimeException e) {
      service.stop();
      delete(profile);
      throw e;
    }
  }

  ChromeDriver driver() {
    return driver;
  }

  /**
   * An explicit wait polling every 250 ms. The live page replaces keyed nodes as data arrives, so a
   * stale element means "look again", not failure.
   */
  WebDriverWait waitUpTo(Duration timeout) {
    WebDriverWait wait = new WebDriverWait(driver, timeout);
    wait.pollingEvery(Duration.ofMillis(250));
    wait.ignoring(StaleElementReferenceException.class);
    return wait;
  }

  /** Saves a PNG of the viewport to {@code file} (parent folders created). */
  Path screenshot(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    return Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
  }

  @Override
  public void close() throws IOException {
    try {
      driver.quit();
    } finally {
      service.stop();
      delete(profile);
    }
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
