package io.tagflow.protocol.llrp;

/**
 * The LLRPStatus codes of LLRP 1.1 §14.2.2 (table "Status Codes") with their wire values, so that a
 * failed response or an ERROR_MESSAGE is logged and counted under the spec's own name.
 *
 * <p>Codes 1xx concern the message, 2xx a parameter, 3xx an argument, 4xx the reader. {@link
 * #M_UNEXPECTED_MESSAGE} is new in LLRP 1.1; the LLRP Toolkit (which speaks 1.0.1) cannot encode it.
 */
public enum LlrpStatusCode {
  M_SUCCESS(0, "M_Success"),
  M_PARAMETER_ERROR(100, "M_ParameterError"),
  M_FIELD_ERROR(101, "M_FieldError"),
  M_UNEXPECTED_PARAMETER(102, "M_UnexpectedParameter"),
  M_MISSING_PARAMETER(103, "M_MissingParameter"),
  M_DUPLICATE_PARAMETER(104, "M_DuplicateParameter"),
  M_OVERFLOW_PARAMETER(105, "M_OverflowParameter"),
  M_OVERFLOW_FIELD(106, "M_OverflowField"),
  M_UNKNOWN_PARAMETER(107, "M_UnknownParameter"),
  M_UNKNOWN_FIELD(108, "M_UnknownField"),
  M_UNSUPPORTED_MESSAGE(109, "M_UnsupportedMessage"),
  M_UNSUPPORTED_VERSION(110, "M_UnsupportedVersion"),
  M_UNSUPPORTED_PARAMETER(111, "M_UnsupportedParameter"),
  M_UNEXPECTED_MESSAGE(112, "M_UnexpectedMessage"),
  P_PARAMETER_ERROR(200, "P_ParameterError"),
  P_FIELD_ERROR(201, "P_FieldError"),
  P_UNEXPECTED_PARAMETER(202, "P_UnexpectedParameter"),
  P_MISSING_PARAMETER(203, "P_MissingParameter"),
  P_DUPLICATE_PARAMETER(204, "P_DuplicateParameter"),
  P_OVERFLOW_PARAMETER(205, "P_OverflowParameter"),
  P_OVERFLOW_FIELD(206, "P_OverflowField"),
  P_UNKNOWN_PARAMETER(207, "P_UnknownParameter"),
  P_UNKNOWN_FIELD(208, "P_UnknownField"),
  P_UNSUPPORTED_PARAMETER(209, "P_UnsupportedParameter"),
  A_INVALID(300, "A_Invalid"),
  A_OUT_OF_RANGE(301, "A_OutOfRange"),
  R_DEVICE_ERROR(401, "R_DeviceError");

  private final int code;
  private final String specName;

  LlrpStatusCode(int code, String specName) {
    this.code = code;
    this.specName = specName;
  }

  /** The 16-bit wire value. */
  public int code() {
    return code;
  }

  /** The name the spec uses, e.g. {@code M_ParameterError}. */
  public String specName() {
    return specName;
  }

  public boolean isSuccess() {
    return this == M_SUCCESS;
  }

  /** The status with this wire value, or {@code null} when LLRP 1.1 defines none. */
  public static LlrpStatusCode fromCode(int code) {
    for (LlrpStatusCode status : values()) {
      if (status.code == code) {
        return status;
      }
    }
    return null;
  }

  /** The spec name for a wire value, or {@code Unknown(<code>)} for a value the spec does not define. */
  public static String nameOf(int code) {
    LlrpStatusCode status = fromCode(code);
    return status == null ? "Unknown(" + code + ")" : status.specName;
  }

  @Override
  public String toString() {
    return specName;
  }
}
