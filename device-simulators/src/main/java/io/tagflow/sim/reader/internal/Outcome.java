package io.tagflow.sim.reader.internal;

import io.tagflow.protocol.llrp.LlrpStatusCode;

/** The LLRPStatus a simulated reader answers with. */
public record Outcome(LlrpStatusCode code, String description) {
  public static final Outcome OK = new Outcome(LlrpStatusCode.M_SUCCESS, "");

  public static Outcome invalid(String description) {
    return new Outcome(LlrpStatusCode.A_INVALID, description);
  }

  public boolean ok() {
    return code.isSuccess();
  }
}
