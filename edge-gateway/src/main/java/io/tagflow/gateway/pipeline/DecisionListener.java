package io.tagflow.gateway.pipeline;

import java.util.function.Consumer;

/**
 * Receives the pipeline's decisions.
 *
 * <p>Contract: methods are called on the thread that drives the pipeline ({@code onRead},
 * {@code onBatch}, {@code tick}), one at a time, in decision order. They must not block: hand the
 * decision to an outbox and return. If a method throws, the pipeline counts and logs it and goes on
 * (the decision is then lost for that listener); it never retries.
 */
public interface DecisionListener {
  /** Ignores every decision: for benchmarks and tests that look at the pipeline, not its output. */
  DecisionListener NONE = movementsTo(movement -> { });

  /** Hands each movement to {@code movements} and ignores location changes and staged tags. */
  static DecisionListener movementsTo(Consumer<MovementDecision> movements) {
    return new DecisionListener() {
      @Override
      public void onMovement(MovementDecision movement) {
        movements.accept(movement);
      }

      @Override
      public void onLocationChanged(LocationDecision location) {
      }

      @Override
      public void onTagStaged(StagedDecision staged) {
      }
    };
  }

  /** A group of tags crossed a door. */
  void onMovement(MovementDecision movement);

  /** A tag's bin changed. */
  void onLocationChanged(LocationDecision location);

  /** A tag stayed at a door without crossing it. */
  void onTagStaged(StagedDecision staged);
}
