package io.tagflow.gateway.pipeline;

/**
 * Receives the pipeline's decisions.
 *
 * <p>Contract: methods are called on the thread that drives the pipeline ({@code onRead},
 * {@code onBatch}, {@code tick}), one at a time, in decision order. They must not block: hand the
 * decision to an outbox and return. If a method throws, the pipeline counts and logs it and goes on
 * (the decision is then lost for that listener); it never retries.
 */
public interface DecisionListener {

  /** A group of tags crossed a door. */
  void onMovement(MovementDecision movement);

  /** A tag's bin changed. */
  void onLocationChanged(LocationDecision location);

  /** A tag stayed at a door without crossing it. */
  void onTagStaged(StagedDecision staged);
}
