package io.tagflow.gateway.testing;

import io.tagflow.gateway.pipeline.DecisionListener;
import io.tagflow.gateway.pipeline.LocationDecision;
import io.tagflow.gateway.pipeline.MovementDecision;
import io.tagflow.gateway.pipeline.StagedDecision;
import java.util.ArrayList;
import java.util.List;

/** A listener that keeps every decision, in order, for assertions. */
public final class RecordingListener implements DecisionListener {
  public final List<MovementDecision> movements = new ArrayList<>();
  public final List<LocationDecision> locations = new ArrayList<>();
  public final List<StagedDecision> staged = new ArrayList<>();

  @Override
  public void onMovement(MovementDecision movement) {
    movements.add(movement);
  }

  @Override
  public void onLocationChanged(LocationDecision location) {
    locations.add(location);
  }

  @Override
  public void onTagStaged(StagedDecision s) {
    staged.add(s);
  }
}
