package io.tagflow.sim.reader.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.llrp.ltk.generated.enumerations.ROSpecStartTriggerType;
import org.llrp.ltk.generated.enumerations.ROSpecState;
import org.llrp.ltk.generated.parameters.ROSpec;

/**
 * The ROSpecs of a simulated reader and their states, with the checks of LLRP 1.1 §10.1: Disabled →
 * (ENABLE) Inactive → (START, or an Immediate start trigger) Active → (STOP) Inactive; DISABLE and
 * DELETE stop an active spec first. ID 0 means "all ROSpecs" for ENABLE, DISABLE and DELETE and is
 * refused by ADD, START and STOP. A request that breaks a rule is answered A_Invalid with a
 * description, and changes nothing.
 *
 * <p>The simulator runs one ROSpec at a time; {@link Listener} hears when a spec becomes active or
 * stops being active. Not thread-safe: used on one connection's event loop.
 */
public final class RoSpecRegistry {
  /** Hears about the one spec that runs. */
  public interface Listener {
    void activated(ROSpec spec);

    void deactivated(ROSpec spec);
  }

  private final Map<Long, ROSpec> specs = new LinkedHashMap<>();
  private final Listener listener;

  public RoSpecRegistry(Listener listener) {
    this.listener = listener;
  }

  public Outcome add(ROSpec spec) {
    long id = spec.getROSpecID().toLong();
    if (id == 0) {
      return Outcome.invalid("ROSpecID 0 is reserved");
    }
    if (specs.containsKey(id)) {
      return Outcome.invalid("ROSpec " + id + " already exists");
    }
    if (spec.getCurrentState().intValue() != ROSpecState.Disabled) {
      return Outcome.invalid("ROSpec " + id + " must be added in state Disabled, was " + spec.getCurrentState());
    }
    int start = spec.getROBoundarySpec().getROSpecStartTrigger().getROSpecStartTriggerType().intValue();
    if (start != ROSpecStartTriggerType.Null && start != ROSpecStartTriggerType.Immediate) {
      return new Outcome(io.tagflow.protocol.llrp.LlrpStatusCode.P_FIELD_ERROR,
          "ROSpecStartTrigger " + spec.getROBoundarySpec().getROSpecStartTrigger().getROSpecStartTriggerType()
              + " is not supported by the simulator (Null and Immediate are)");
    }
    specs.put(id, spec);
    return Outcome.OK;
  }

  public Outcome enable(long id) {
    for (ROSpec spec : targets(id)) {
      if (state(spec) == ROSpecState.Disabled) {
        setState(spec, ROSpecState.Inactive);
        if (startTrigger(spec) == ROSpecStartTriggerType.Immediate) {
          Outcome started = activate(spec);
          if (!started.ok()) {
            return started;
          }
        }
      }
    }
    return id == 0 || specs.containsKey(id) ? Outcome.OK : unknown(id);
  }

  public Outcome start(long id) {
    ROSpec spec = specs.get(id);
    if (id == 0 || spec == null) {
      return id == 0 ? Outcome.invalid("START_ROSPEC needs a ROSpecID other than 0") : unknown(id);
    }
    if (state(spec) == ROSpecState.Disabled) {
      return Outcome.invalid("ROSpec " + id + " is disabled; enable it first");
    }
    if (startTrigger(spec) != ROSpecStartTriggerType.Null) {
      return Outcome.invalid("ROSpec " + id + " has a start trigger other than Null");
    }
    return state(spec) == ROSpecState.Active ? Outcome.OK : activate(spec);
  }

  public Outcome stop(long id) {
    ROSpec spec = specs.get(id);
    if (id == 0 || spec == null) {
      return id == 0 ? Outcome.invalid("STOP_ROSPEC needs a ROSpecID other than 0") : unknown(id);
    }
    if (state(spec) != ROSpecState.Active) {
      return Outcome.invalid("ROSpec " + id + " is not active");
    }
    deactivate(spec, ROSpecState.Inactive);
    return Outcome.OK;
  }

  public Outcome disable(long id) {
    if (id != 0 && !specs.containsKey(id)) {
      return unknown(id);
    }
    for (ROSpec spec : targets(id)) {
      deactivate(spec, ROSpecState.Disabled);
    }
    return Outcome.OK;
  }

  public Outcome delete(long id) {
    if (id != 0 && !specs.containsKey(id)) {
      return unknown(id);
    }
    for (ROSpec spec : targets(id)) {
      deactivate(spec, ROSpecState.Disabled);
      specs.remove(spec.getROSpecID().toLong());
    }
    return Outcome.OK;
  }

  /** Marks a spec that stopped by its own stop trigger as Inactive. */
  public void ended(ROSpec spec) {
    if (specs.get(spec.getROSpecID().toLong()) == spec && state(spec) == ROSpecState.Active) {
      deactivate(spec, ROSpecState.Inactive);
    }
  }

  /** The specs in the order they were added, with their current state. */
  public List<ROSpec> all() {
    return List.copyOf(specs.values());
  }

  /** The state of a spec: Disabled, Inactive or Active. */
  public int state(long id) {
    ROSpec spec = specs.get(id);
    return spec == null ? -1 : state(spec);
  }

  private Outcome activate(ROSpec spec) {
    for (ROSpec other : specs.values()) {
      if (other != spec && state(other) == ROSpecState.Active) {
        setState(spec, ROSpecState.Inactive);
        return Outcome.invalid("ROSpec " + other.getROSpecID() + " is active; the simulator runs one ROSpec at a time");
      }
    }
    setState(spec, ROSpecState.Active);
    listener.activated(spec);
    return Outcome.OK;
  }

  private void deactivate(ROSpec spec, int next) {
    boolean wasActive = state(spec) == ROSpecState.Active;
    setState(spec, next);
    if (wasActive) {
      listener.deactivated(spec);
    }
  }

  private List<ROSpec> targets(long id) {
    if (id == 0) {
      return new ArrayList<>(specs.values());
    }
    ROSpec spec = specs.get(id);
    return spec == null ? List.of() : List.of(spec);
  }

  private static Outcome unknown(long id) {
    return Outcome.invalid("no ROSpec with ROSpecID " + id);
  }

  private static int state(ROSpec spec) {
    return spec.getCurrentState().intValue();
  }

  private static int startTrigger(ROSpec spec) {
    return spec.getROBoundarySpec().getROSpecStartTrigger().getROSpecStartTriggerType().intValue();
  }

  private static void setState(ROSpec spec, int state) {
    spec.setCurrentState(new ROSpecState(state));
  }
}
