package io.tagflow.controlplane.model;

import java.util.Optional;

/**
 * Finds the registry entry of an EPC. Implementations may block (JDBC) and must be safe to call from
 * several threads; callers never call them on an event loop.
 */
@FunctionalInterface
public interface TagLookup {
  /** The lot {@code epc} (canonical upper-case hex) was registered for, or empty when it is not registered. */
  Optional<String> lotOf(String epc);
}
