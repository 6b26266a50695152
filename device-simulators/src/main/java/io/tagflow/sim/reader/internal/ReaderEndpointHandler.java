package io.tagflow.sim.reader.internal;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import io.tagflow.protocol.llrp.Ltk;
import io.tagflow.protocol.llrp.LlrpDecodeException;
import io.tagflow.protocol.llrp.LlrpFrame;
import io.tagflow.protocol.llrp.LlrpFrameError;
import io.tagflow.protocol.llrp.LlrpMessageType;
import io.tagflow.protocol.llrp.LlrpStatusCode;
import io.tagflow.sim.reader.SimulatedReaderOptions;
import io.tagflow.sim.reader.TagSource;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.llrp.ltk.generated.enumerations.ConnectionAttemptStatusType;
import org.llrp.ltk.generated.enumerations.KeepaliveTriggerType;
import org.llrp.ltk.generated.enumerations.NotificationEventType;
import org.llrp.ltk.generated.enumerations.ROSpecEventType;
import org.llrp.ltk.generated.messages.ADD_ROSPEC;
import org.llrp.ltk.generated.messages.ADD_ROSPEC_RESPONSE;
import org.llrp.ltk.generated.messages.CLOSE_CONNECTION;
import org.llrp.ltk.generated.messages.CLOSE_CONNECTION_RESPONSE;
import org.llrp.ltk.generated.messages.DELETE_ROSPEC;
import org.llrp.ltk.generated.messages.DELETE_ROSPEC_RESPONSE;
import org.llrp.ltk.generated.messages.DISABLE_ROSPEC;
import org.llrp.ltk.generated.messages.DISABLE_ROSPEC_RESPONSE;
import org.llrp.ltk.generated.messages.ENABLE_EVENTS_AND_REPORTS;
import org.llrp.ltk.generated.messages.ENABLE_ROSPEC;
import org.llrp.ltk.generated.messages.ENABLE_ROSPEC_RESPONSE;
import org.llrp.ltk.generated.messages.ERROR_MESSAGE;
import org.llrp.ltk.generated.messages.GET_READER_CAPABILITIES;
import org.llrp.ltk.generated.messages.GET_READER_CONFIG;
import org.llrp.ltk.generated.messages.GET_READER_CONFIG_RESPONSE;
import org.llrp.ltk.generated.messages.GET_REPORT;
import org.llrp.ltk.generated.messages.GET_ROSPECS;
import org.llrp.ltk.generated.messages.GET_ROSPECS_RESPONSE;
import org.llrp.ltk.generated.messages.KEEPALIVE;
import org.llrp.ltk.generated.messages.KEEPALIVE_ACK;
import org.llrp.ltk.generated.messages.SET_READER_CONFIG;
import org.llrp.ltk.generated.messages.SET_READER_CONFIG_RESPONSE;
import org.llrp.ltk.generated.messages.START_ROSPEC;
import org.llrp.ltk.generated.messages.START_ROSPEC_RESPONSE;
import org.llrp.ltk.generated.messages.STOP_ROSPEC;
import org.llrp.ltk.generated.messages.STOP_ROSPEC_RESPONSE;
import org.llrp.ltk.generated.parameters.AISpec;
import org.llrp.ltk.generated.parameters.AntennaConfiguration;
import org.llrp.ltk.generated.parameters.EventNotificationState;
import org.llrp.ltk.generated.parameters.KeepaliveSpec;
import org.llrp.ltk.generated.parameters.LLRPStatus;
import org.llrp.ltk.generated.parameters.ROSpec;
import org.llrp.ltk.generated.parameters.ReaderEventNotificationSpec;
import org.llrp.ltk.types.LLRPMessage;
import org.llrp.ltk.types.UnsignedInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reader side of one LLRP connection: greets the client with a ConnectionAttemptEvent, answers
 * each request through a table of one small method per message type, sends KEEPALIVEs, and runs
 * inventory through {@link InventoryEngine}. Reader state (configuration, ROSpecs) lives as long as
 * the connection.
 *
 * <p>Malformed input is answered as LLRP 1.1 §14.1.1 asks, with an ERROR_MESSAGE carrying the
 * offending message id: a version the reader does not speak is M_UnsupportedVersion, a type it does
 * not serve M_UnsupportedMessage, a body LTK cannot parse M_ParameterError. Those keep the
 * connection; a framing error ({@link LlrpFrameError}) makes the stream unusable, so the reader
 * answers and then closes.
 */
public final class ReaderEndpointHandler extends ChannelInboundHandlerAdapter {
  public static final String NAME = "llrp-reader-endpoint";
  private static final Logger LOG = LoggerFactory.getLogger(ReaderEndpointHandler.class);

  private final SimulatedReaderOptions options;
  private final TagSource source;
  private final InstantSource clock;
  private final ReaderCapabilities capabilities;
  private final Map<Class<? extends LLRPMessage>, Function<LLRPMessage, LLRPMessage>> handlers = new HashMap<>();
  private final Map<Integer, AntennaConfiguration> antennaConfigs = new HashMap<>();
  private ChannelHandlerContext ctx;
  private InventoryEngine engine;
  private RoSpecRegistry registry;
  private KeepaliveSpec keepaliveSpec;
  private ReaderEventNotificationSpec eventSpec;
  private ScheduledFuture<?> keepalives;
  private int unackedKeepalives;
  private long nextMessageId = 1;

  public ReaderEndpointHandler(SimulatedReaderOptions options, TagSource source, InstantSource clock) {
    this.options = options;
    this.source = source;
    this.clock = clock;
    this.capabilities = new ReaderCapabilities(options);
    on(GET_READER_CAPABILITIES.class, m -> status(capabilities.response(), Outcome.OK));
    on(GET_READER_CONFIG.class, m -> getReaderConfig());
    on(SET_READER_CONFIG.class, this::setReaderConfig);
    on(ADD_ROSPEC.class, this::addRoSpec);
    on(DELETE_ROSPEC.class, m -> status(new DELETE_ROSPEC_RESPONSE(), registry.delete(id(((DELETE_ROSPEC) m).getROSpecID()))));
    on(ENABLE_ROSPEC.class, m -> status(new ENABLE_ROSPEC_RESPONSE(), registry.enable(id(((ENABLE_ROSPEC) m).getROSpecID()))));
    on(START_ROSPEC.class, m -> status(new START_ROSPEC_RESPONSE(), registry.start(id(((START_ROSPEC) m).getROSpecID()))));
    on(STOP_ROSPEC.class, m -> status(new STOP_ROSPEC_RESPONSE(), registry.stop(id(((STOP_ROSPEC) m).getROSpecID()))));
    on(DISABLE_ROSPEC.class, m -> status(new DISABLE_ROSPEC_RESPONSE(), registry.disable(id(((DISABLE_ROSPEC) m).getROSpecID()))));
    on(GET_ROSPECS.class, m -> getRoSpecs());
    on(GET_REPORT.class, m -> {
      engine.getReport();
      return null; // the RO_ACCESS_REPORT is the answer
    });
    on(ENABLE_EVENTS_AND_REPORTS.class, m -> null); // events and reports are never held here
    on(KEEPALIVE_ACK.class, m -> {
      unackedKeepalives = 0;
      return null;
    });
    on(CLOSE_CONNECTION.class, m -> status(new CLOSE_CONNECTION_RESPONSE(), Outcome.OK));
  }

  private void on(Class<? extends LLRPMessage> type, Function<LLRPMessage, LLRPMessage> handler) {
    handlers.put(type, handler);
  }

  /** KEEPALIVEs sent and not acknowledged yet. */
  public int unackedKeepalives() {
    return unackedKeepalives;
  }

  /** The ROSpecs of this connection. */
  public RoSpecRegistry registry() {
    return registry;
  }

  /** The antenna configuration SET_READER_CONFIG stored, by antenna id. */
  public Map<Integer, AntennaConfiguration> antennaConfigs() {
    return Map.copyOf(antennaConfigs);
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
    engine = new InventoryEngine(ctx, source, clock, options.inventoryRound(), options.antennaCount(), options.version(),
        options.reportEveryTags(), this::nextMessageId, () -> registry.ended(engine.running()));
    registry = new RoSpecRegistry(new RoSpecRegistry.Listener() {
      @Override
      public void activated(ROSpec spec) {
        roSpecEvent(ROSpecEventType.Start_Of_ROSpec, spec);
        engine.activated(spec);
      }

      @Override
      public void deactivated(ROSpec spec) {
        engine.deactivated(spec); // the last report goes before End_Of_ROSpec
        roSpecEvent(ROSpecEventType.End_Of_ROSpec, spec);
      }
    });
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    ctx.writeAndFlush(ReaderEvents.connectionAttempt(ConnectionAttemptStatusType.Success, clock, nextMessageId()));
    ctx.fireChannelActive();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    engine.close();
    if (keepalives != null) {
      keepalives.cancel(false);
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof LlrpFrameError error) {
      LlrpStatusCode code = error.unsupportedVersion() ? LlrpStatusCode.M_UNSUPPORTED_VERSION : LlrpStatusCode.M_FIELD_ERROR;
      LOG.info("simulated reader: framing error at byte {}: {}; answering {} and closing", error.offset(), error.reason(), code);
      ctx.writeAndFlush(error(code, error.reason(), Math.max(0, error.messageId()))).addListener(ChannelFutureListener.CLOSE);
      return;
    }
    if (!(msg instanceof LlrpFrame frame)) {
      ctx.fireChannelRead(msg);
      return;
    }
    long messageId = frame.messageId();
    LLRPMessage request;
    try {
      if (frame.version() != options.version()) {
        reply(error(LlrpStatusCode.M_UNSUPPORTED_VERSION, "this reader speaks LLRP version " + options.version()
            + ", the message has version " + frame.version(), messageId));
        return;
      }
      LlrpMessageType type = LlrpMessageType.fromCode(frame.type());
      if (type == null || !serves(type)) {
        reply(error(LlrpStatusCode.M_UNSUPPORTED_MESSAGE, "message type " + (type == null ? frame.type() : type)
            + " is not supported", messageId));
        return;
      }
      request = Ltk.decode(frame);
    } catch (LlrpDecodeException e) {
      LOG.info("simulated reader: malformed message id {}: {}", messageId, e.reason());
      reply(error(LlrpStatusCode.M_PARAMETER_ERROR, e.reason(), messageId));
      return;
    } finally {
      frame.release();
    }
    LLRPMessage response = handlers.get(request.getClass()).apply(request);
    if (response != null) {
      response.setMessageID(new UnsignedInteger(messageId));
      if (request instanceof CLOSE_CONNECTION) {
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
      } else {
        reply(response);
      }
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof java.io.IOException) {
      // The client went away (reset, broken pipe): routine for a reader, and a load test has hundreds.
      LOG.info("simulated reader: client connection lost: {}", cause.getMessage());
    } else {
      LOG.warn("simulated reader: closing after {}", cause.toString());
    }
    ctx.close();
  }

  private boolean serves(LlrpMessageType type) {
    // LTK names its message classes exactly as the spec names the message types.
    return handlers.keySet().stream().anyMatch(handled -> handled.getSimpleName().equals(type.name()));
  }

  private LLRPMessage setReaderConfig(LLRPMessage message) {
    SET_READER_CONFIG config = (SET_READER_CONFIG) message;
    for (AntennaConfiguration antenna : config.getAntennaConfigurationList()) {
      Outcome outcome = capabilities.check(antenna);
      if (!outcome.ok()) {
        return status(new SET_READER_CONFIG_RESPONSE(), outcome);
      }
    }
    if (config.getResetToFactoryDefault() != null && config.getResetToFactoryDefault().intValue() == 1) {
      antennaConfigs.clear();
      keepaliveSpec = null;
      eventSpec = null;
    }
    for (AntennaConfiguration antenna : config.getAntennaConfigurationList()) {
      antennaConfigs.put(antenna.getAntennaID().intValue(), antenna);
    }
    if (config.getReaderEventNotificationSpec() != null) {
      eventSpec = config.getReaderEventNotificationSpec();
    }
    if (config.getROReportSpec() != null) {
      engine.defaultReportSpec(config.getROReportSpec());
    }
    if (config.getKeepaliveSpec() != null) {
      keepaliveSpec = config.getKeepaliveSpec();
      scheduleKeepalives();
    }
    return status(new SET_READER_CONFIG_RESPONSE(), Outcome.OK);
  }

  private void roSpecEvent(int type, ROSpec spec) {
    if (eventEnabled(NotificationEventType.ROSpec_Event)) {
      ctx.writeAndFlush(ReaderEvents.roSpecEvent(type, spec.getROSpecID().toLong(), clock, nextMessageId()), ctx.voidPromise());
    }
  }

  private boolean eventEnabled(int eventType) {
    if (eventSpec == null) {
      return false;
    }
    for (EventNotificationState state : eventSpec.getEventNotificationStateList()) {
      if (state.getEventType().intValue() == eventType) {
        return state.getNotificationState().intValue() == 1;
      }
    }
    return false;
  }

  private void scheduleKeepalives() {
    if (keepalives != null) {
      keepalives.cancel(false);
    }
    if (keepaliveSpec.getKeepaliveTriggerType().intValue() != KeepaliveTriggerType.Periodic) {
      return;
    }
    long period = Math.max(1, keepaliveSpec.getPeriodicTriggerValue().toLong());
    keepalives = ctx.executor().scheduleAtFixedRate(() -> {
      unackedKeepalives++;
      KEEPALIVE keepalive = new KEEPALIVE();
      keepalive.setMessageID(new UnsignedInteger(nextMessageId()));
      ctx.writeAndFlush(keepalive, ctx.voidPromise());
    }, period, period, TimeUnit.MILLISECONDS);
  }

  private LLRPMessage getReaderConfig() {
    GET_READER_CONFIG_RESPONSE response = new GET_READER_CONFIG_RESPONSE();
    antennaConfigs.values().forEach(response::addToAntennaConfigurationList);
    if (keepaliveSpec != null) {
      response.setKeepaliveSpec(keepaliveSpec);
    }
    if (eventSpec != null) {
      response.setReaderEventNotificationSpec(eventSpec);
    }
    return status(response, Outcome.OK);
  }

  private LLRPMessage addRoSpec(LLRPMessage message) {
    ROSpec spec = ((ADD_ROSPEC) message).getROSpec();
    for (var parameter : spec.getSpecParameterList()) {
      if (parameter instanceof AISpec aiSpec && aiSpec.getAntennaIDs() != null) {
        for (int k = 0; k < aiSpec.getAntennaIDs().size(); k++) {
          Outcome outcome = capabilities.checkAntenna(aiSpec.getAntennaIDs().get(k).intValue());
          if (!outcome.ok()) {
            return status(new ADD_ROSPEC_RESPONSE(), outcome);
          }
        }
      }
    }
    return status(new ADD_ROSPEC_RESPONSE(), registry.add(spec));
  }

  private LLRPMessage getRoSpecs() {
    GET_ROSPECS_RESPONSE response = new GET_ROSPECS_RESPONSE();
    registry.all().forEach(response::addToROSpecList);
    return status(response, Outcome.OK);
  }

  private void reply(LLRPMessage response) {
    ctx.writeAndFlush(response, ctx.voidPromise());
  }

  private static ERROR_MESSAGE error(LlrpStatusCode code, String description, long messageId) {
    ERROR_MESSAGE error = new ERROR_MESSAGE();
    error.setLLRPStatus(Ltk.status(code, description));
    error.setMessageID(new UnsignedInteger(messageId));
    return error;
  }

  private static <T extends LLRPMessage> T status(T response, Outcome outcome) {
    LLRPStatus status = Ltk.status(outcome.code(), outcome.description());
    try {
      response.getClass().getMethod("setLLRPStatus", LLRPStatus.class).invoke(response, status);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(response.getName() + " has no LLRPStatus", e);
    }
    return response;
  }

  private static long id(UnsignedInteger id) {
    return id.toLong();
  }

  private long nextMessageId() {
    return nextMessageId++;
  }
}
