package io.tagflow.sim.score;

import io.tagflow.gateway.pipeline.FilterSettings;
import io.tagflow.sim.physics.Scene;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * A grid search over {@link FilterSettings} with the accelerated harness ({@link PipelineRun}):
 * every combination of the swept values runs the scene afresh and is scored; the table ranks them
 * by the F1 of movement precision and recall, then door and direction accuracy, then median
 * decision latency. Behind {@code sim tune --set NAME=FROM..TO:STEP --set NAME=A,B,C}.
 *
 * <p>A setting is named as in the gateway configuration's {@code filter:} block (the
 * {@link FilterSettings.Builder} method of that name); durations take a unit ({@code 500ms},
 * {@code 2s}). A combination the builder rejects is reported and skipped.
 */
public final class FilterSweep {
  /** More combinations than this is almost surely a typo in a step. */
  public static final int MAX_COMBINATIONS = 1000;

  /** One swept setting and the values (as text) to try. */
  public record Swept(String name, List<String> values) {
    public Swept {
      values = List.copyOf(values);
    }

    /**
     * Parses {@code name=from..to:step} or {@code name=v1,v2,...}.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static Swept parse(String spec) {
      int eq = spec.indexOf('=');
      if (eq <= 0 || eq == spec.length() - 1) {
        throw new IllegalArgumentException("--set " + spec + ": expected NAME=FROM..TO:STEP or NAME=A,B,C");
      }
      String name = spec.substring(0, eq).trim();
      Class<?> type = setter(name).getParameterTypes()[0];
      String values = spec.substring(eq + 1).trim();
      if (!values.contains("..")) {
        return new Swept(name, Arrays.stream(values.split(",")).map(String::trim).toList());
      }
      int dots = values.indexOf("..");
      int colon = values.lastIndexOf(':');
      if (colon < dots) {
        throw new IllegalArgumentException("--set " + spec + ": a range needs a step, like 500ms..3000ms:250ms");
      }
      String from = values.substring(0, dots);
      String to = values.substring(dots + 2, colon);
      String step = values.substring(colon + 1);
      List<String> out = new ArrayList<>();
      if (type == Duration.class) {
        long a = duration(from).toMillis();
        long b = duration(to).toMillis();
        long s = duration(step).toMillis();
        positiveStep(spec, s);
        for (long v = a; v <= b && out.size() <= MAX_COMBINATIONS; v += s) {
          out.add(v + "ms");
        }
      } else {
        double a = Double.parseDouble(from);
        double b = Double.parseDouble(to);
        double s = Double.parseDouble(step);
        positiveStep(spec, s);
        for (int i = 0; a + i * s <= b + 1e-9 && out.size() <= MAX_COMBINATIONS; i++) {
          double v = a + i * s;
          out.add(type == int.class ? Long.toString(Math.round(v)) : String.format(Locale.ROOT, "%.4g", v));
        }
      }
      if (out.isEmpty()) {
        throw new IllegalArgumentException("--set " + spec + ": the range is empty");
      }
      return new Swept(name, out);
    }

    private static void positiveStep(String spec, double step) {
      if (step <= 0) {
        throw new IllegalArgumentException("--set " + spec + ": the step must be positive");
      }
    }
  }

  /** One scored combination. */
  public record Row(Map<String, String> settings, ScoreReport report) {
    double f1() {
      double p = report.precision();
      double r = report.recall();
      return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }
  }

  private final Supplier<Scene> scenes;
  private final FilterSettings base;
  private final long untilMicros;
  private final Duration window;
  private final PrintWriter progress;

  /**
   * @param scenes builds the scene afresh (a run consumes it)
   * @param base the settings the swept values override
   */
  public FilterSweep(Supplier<Scene> scenes, FilterSettings base, long untilMicros, Duration window,
                     PrintWriter progress) {
    this.scenes = scenes;
    this.base = base;
    this.untilMicros = untilMicros;
    this.window = window;
    this.progress = progress;
  }

  /** Runs every combination, best first. */
  public List<Row> run(List<Swept> swept) {
    List<Map<String, String>> grid = new ArrayList<>();
    grid.add(new LinkedHashMap<>());
    for (Swept s : swept) {
      List<Map<String, String>> next = new ArrayList<>();
      for (Map<String, String> g : grid) {
        for (String v : s.values()) {
          Map<String, String> m = new LinkedHashMap<>(g);
          m.put(s.name(), v);
          next.add(m);
        }
      }
      grid = next;
      if (grid.size() > MAX_COMBINATIONS) {
        throw new IllegalArgumentException("the sweep has more than " + MAX_COMBINATIONS + " combinations");
      }
    }
    List<Row> rows = new ArrayList<>();
    int i = 0;
    for (Map<String, String> combination : grid) {
      i++;
      FilterSettings settings;
      try {
        settings = apply(base, combination);
      } catch (IllegalArgumentException e) {
        progress.printf("sim tune: %d of %d: %s skipped: %s%n", i, grid.size(), text(combination), e.getMessage());
        progress.flush();
        continue;
      }
      Scene scene = scenes.get();
      PipelineRun.Result result = new PipelineRun(scene, settings).run(untilMicros);
      ScoreReport report = result.score(new Scorer(window));
      rows.add(new Row(combination, report));
      progress.printf(Locale.ROOT, "sim tune: %d of %d: %s: precision %.1f%% recall %.1f%% door %.1f%%%n", i,
          grid.size(), text(combination), report.precision() * 100, report.recall() * 100, report.doorAccuracy() * 100);
      progress.flush();
    }
    rows.sort(Comparator.comparingDouble(Row::f1).reversed()
        .thenComparing(Comparator.comparingDouble((Row r) -> r.report().doorAccuracy()).reversed())
        .thenComparing(Comparator.comparingDouble((Row r) -> r.report().directionAccuracy()).reversed())
        .thenComparing(r -> r.report().latencyP50() == null ? Duration.ofDays(1) : r.report().latencyP50()));
    return rows;
  }

  /** The ranked table. */
  public static String table(List<Row> rows) {
    StringBuilder sb = new StringBuilder();
    String fmt = "%4s  %-40s %9s %7s %9s %6s %7s %9s%n";
    sb.append(String.format(Locale.ROOT, fmt, "rank", "settings", "precision", "recall", "direction", "door",
        "events", "lat. p50"));
    int rank = 0;
    for (Row r : rows) {
      ScoreReport s = r.report();
      sb.append(String.format(Locale.ROOT, fmt, ++rank, text(r.settings()), pct(s.precision()), pct(s.recall()),
          pct(s.directionAccuracy()), pct(s.doorAccuracy()), s.movementEvents(),
          s.latencyP50() == null ? "-" : String.format(Locale.ROOT, "%.1f s", s.latencyP50().toMillis() / 1e3)));
    }
    return sb.toString();
  }

  static FilterSettings apply(FilterSettings base, Map<String, String> combination) {
    FilterSettings.Builder b = base.toBuilder();
    for (Map.Entry<String, String> e : combination.entrySet()) {
      Method m = setter(e.getKey());
      Class<?> type = m.getParameterTypes()[0];
      Object value;
      try {
        value = type == Duration.class ? duration(e.getValue())
            : type == int.class ? (Object) Integer.parseInt(e.getValue()) : (Object) Double.parseDouble(e.getValue());
      } catch (RuntimeException ex) {
        throw new IllegalArgumentException(e.getKey() + ": cannot read '" + e.getValue() + "' as a "
            + (type == Duration.class ? "duration" : "number"));
      }
      try {
        m.invoke(b, value);
      } catch (IllegalAccessException | InvocationTargetException ex) {
        throw new IllegalStateException(ex);
      }
    }
    return b.build();
  }

  /** A duration with a unit as in the gateway configuration: 250ms, 2s, 1.5s, 5m. */
  static Duration duration(String text) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m)").matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("expected a duration with a unit, like 250ms or 2s, got '" + text + "'");
    }
    double n = Double.parseDouble(m.group(1));
    double millis = switch (m.group(2)) {
      case "ms" -> n;
      case "s" -> n * 1000;
      default -> n * 60_000;
    };
    return Duration.ofNanos(Math.round(millis * 1e6));
  }

  private static Method setter(String name) {
    for (Method m : FilterSettings.Builder.class.getMethods()) {
      if (m.getName().equals(name) && m.getParameterCount() == 1 && m.getReturnType() == FilterSettings.Builder.class) {
        return m;
      }
    }
    throw new IllegalArgumentException("unknown filter setting '" + name + "'; settings: "
        + Arrays.stream(FilterSettings.Builder.class.getMethods())
        .filter(m -> m.getParameterCount() == 1 && m.getReturnType() == FilterSettings.Builder.class)
        .map(Method::getName).sorted().collect(Collectors.joining(", ")));
  }

  private static String text(Map<String, String> combination) {
    return combination.isEmpty() ? "(defaults)" : combination.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
  }

  private static String pct(double v) {
    return String.format(Locale.ROOT, "%.1f%%", v * 100);
  }
}
