package io.tagflow.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The in-page measurement of {@link MapBench}: installs {@code map-probe.js} (frame intervals, long tasks,
 * feed-update-to-paint lag, heap) into the open map page and reads it back with {@code map-probe-read.js};
 * and reads Chromium's own main-thread time counters through the DevTools protocol
 * ({@code Performance.getMetrics}: {@code TaskDuration}, {@code ScriptDuration}, {@code LayoutDuration},
 * {@code RecalcStyleDuration}, in seconds), which say how busy the renderer was regardless of load on
 * the machine.
 */
final class MapProbe {
  private static final String INSTALL = resource("map-probe.js");
  private static final String READ = resource("map-probe-read.js");
  static final List<String> CPU_METRICS = List.of("TaskDuration", "ThreadTime", "ProcessTime", "ScriptDuration", "LayoutDuration",
      "RecalcStyleDuration");

  private final ChromeDriver page;

  MapProbe(ChromeDriver page) {
    this.page = page;
    page.executeCdpCommand("Performance.enable", Map.of());
  }

  /** Starts measuring; throws with the page's reason when it cannot (no open feed). */
  void install() {
    Object answer = page.executeScript(INSTALL);
    if (!"ok".equals(answer)) {
      throw new IllegalStateException("map probe: " + answer);
    }
  }

  /** The figures so far; {@code stop} ends the measurement and adds {@code heapEnd}. */
  @SuppressWarnings("unchecked")
  Map<String, Object> read(boolean stop) {
    return (Map<String, Object>) page.executeScript(READ, stop);
  }

  /** Chromium's cumulative main-thread counters (seconds), by name. */
  @SuppressWarnings("unchecked")
  Map<String, Double> cpu() {
    Map<String, Object> answer = page.executeCdpCommand("Performance.getMetrics", Map.of());
    Map<String, Double> byName = new HashMap<>();
    for (Map<String, Object> m : (List<Map<String, Object>>) answer.get("metrics")) {
      byName.put((String) m.get("name"), ((Number) m.get("value")).doubleValue());
    }
    return byName;
  }

  static double number(Map<String, Object> figures, String key) {
    Object v = figures.get(key);
    return v instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  private static String resource(String name) {
    try (InputStream in = MapProbe.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
