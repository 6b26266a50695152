package io.tagflow.sim.scenario.internal;

import io.tagflow.sim.scenario.Point;
import io.tagflow.sim.scenario.ScenarioError;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The primitive checks of the scenario validators; each failure adds one error with its path. */
final class Checks {
  final List<ScenarioError> errors = new ArrayList<>();

  boolean text(String path, String value) {
    if (value == null || value.isBlank()) {
      err(path, "required, expected a non-empty string");
      return false;
    }
    return true;
  }

  boolean present(String path, Object value) {
    if (value == null) {
      err(path, "required");
      return false;
    }
    return true;
  }

  void positive(String path, Double value) {
    if (present(path, value) && !(value > 0)) {
      err(path, "expected a positive number, got " + value);
    }
  }

  void atLeast(String path, Double value, double min) {
    if (present(path, value) && !(value >= min)) {
      err(path, "expected at least " + min + ", got " + value);
    }
  }

  void range(String path, Double value, double min, double max) {
    if (present(path, value) && !(value >= min && value <= max)) {
      err(path, "expected " + min + ".." + max + ", got " + value);
    }
  }

  void err(String path, String message) {
    errors.add(new ScenarioError(path, message));
  }

  void insideWarehouse(String path, Point p) {
    if (present(path, p) && p.y() <= 0) {
      err(path + ".y", "expected the warehouse side (y > 0), got " + p.y());
    }
  }

  /** An id that must name one of {@code known}. */
  void ref(String path, String id, Set<String> known, String what, String where) {
    if (text(path, id) && !known.contains(id)) {
      err(path, "no " + what + " '" + id + "' in " + where);
    }
  }
}
