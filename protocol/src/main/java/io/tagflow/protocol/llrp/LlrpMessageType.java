package io.tagflow.protocol.llrp;

/**
 * The LLRP 1.1 message types with their 10-bit wire codes (LLRP 1.1 §16, message type table).
 * Messages other than RO_ACCESS_REPORT are encoded and parsed by the LLRP Toolkit; this enum names
 * them for dispatch, logs and metrics.
 */
public enum LlrpMessageType {
  GET_READER_CAPABILITIES(1),
  GET_READER_CONFIG(2),
  SET_READER_CONFIG(3),
  CLOSE_CONNECTION_RESPONSE(4),
  GET_READER_CAPABILITIES_RESPONSE(11),
  GET_READER_CONFIG_RESPONSE(12),
  SET_READER_CONFIG_RESPONSE(13),
  CLOSE_CONNECTION(14),
  ADD_ROSPEC(20),
  DELETE_ROSPEC(21),
  START_ROSPEC(22),
  STOP_ROSPEC(23),
  ENABLE_ROSPEC(24),
  DISABLE_ROSPEC(25),
  GET_ROSPECS(26),
  ADD_ROSPEC_RESPONSE(30),
  DELETE_ROSPEC_RESPONSE(31),
  START_ROSPEC_RESPONSE(32),
  STOP_ROSPEC_RESPONSE(33),
  ENABLE_ROSPEC_RESPONSE(34),
  DISABLE_ROSPEC_RESPONSE(35),
  GET_ROSPECS_RESPONSE(36),
  ADD_ACCESSSPEC(40),
  DELETE_ACCESSSPEC(41),
  ENABLE_ACCESSSPEC(42),
  DISABLE_ACCESSSPEC(43),
  GET_ACCESSSPECS(44),
  CLIENT_REQUEST_OP(45),
  GET_SUPPORTED_VERSION(46),
  SET_PROTOCOL_VERSION(47),
  ADD_ACCESSSPEC_RESPONSE(50),
  DELETE_ACCESSSPEC_RESPONSE(51),
  ENABLE_ACCESSSPEC_RESPONSE(52),
  DISABLE_ACCESSSPEC_RESPONSE(53),
  GET_ACCESSSPECS_RESPONSE(54),
  CLIENT_REQUEST_OP_RESPONSE(55),
  GET_SUPPORTED_VERSION_RESPONSE(56),
  SET_PROTOCOL_VERSION_RESPONSE(57),
  GET_REPORT(60),
  RO_ACCESS_REPORT(61),
  KEEPALIVE(62),
  READER_EVENT_NOTIFICATION(63),
  ENABLE_EVENTS_AND_REPORTS(64),
  KEEPALIVE_ACK(72),
  ERROR_MESSAGE(100),
  CUSTOM_MESSAGE(1023);

  private static final LlrpMessageType[] BY_CODE = new LlrpMessageType[1024];

  static {
    for (LlrpMessageType type : values()) {
      BY_CODE[type.code] = type;
    }
  }

  private final int code;

  LlrpMessageType(int code) {
    this.code = code;
  }

  /** The 10-bit wire code. */
  public int code() {
    return code;
  }

  /** The type with this wire code, or {@code null} when LLRP 1.1 defines none. */
  public static LlrpMessageType fromCode(int code) {
    return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
  }
}
