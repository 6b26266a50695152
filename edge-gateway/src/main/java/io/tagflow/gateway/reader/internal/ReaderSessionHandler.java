package io.tagflow.gateway.reader.internal;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import io.tagflow.gateway.reader.ReaderSettings;
import io.tagflow.gateway.reader.ReaderState;
import io.tagflow.protocol.llrp.Ltk;
import io.tagflow.protocol.llrp.LlrpDecodeException;
import io.tagflow.protocol.llrp.LlrpFrame;
import io.tagflow.protocol.llrp.LlrpMessageType;
import io.tagflow.protocol.llrp.LtkMessageEncoder;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.llrp.ltk.generated.enumerations.ConnectionAttemptStatusType;
import org.llrp.ltk.generated.messages.ADD_ROSPEC_RESPONSE;
import org.llrp.ltk.generated.messages.CLOSE_CONNECTION_RESPONSE;
import org.llrp.ltk.generated.messages.DELETE_ROSPEC_RESPONSE;
import org.llrp.ltk.generated.messages.ENABLE_ROSPEC_RESPONSE;
import org.llrp.ltk.generated.messages.ERROR_MESSAGE;
import org.llrp.ltk.generated.messages.GET_READER_CAPABILITIES_RESPONSE;
import org.llrp.ltk.generated.messages.READER_EVENT_NOTIFICATION;
import org.llrp.ltk.generated.messages.SET_READER_CONFIG_RESPONSE;
import org.llrp.ltk.generated.messages.START_ROSPEC_RESPONSE;
import org.llrp.ltk.generated.messages.STOP_ROSPEC_RESPONSE;
import org.llrp.ltk.generated.parameters.ConnectionAttemptEvent;
import org.llrp.ltk.generated.parameters.GeneralDeviceCapabilities;
import org.llrp.ltk.generated.parameters.LLRPStatus;
import org.llrp.ltk.generated.parameters.ReaderEventNotificationData;
import org.llrp.ltk.types.LLRPMessage;
import org.llrp.ltk.types.UnsignedInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client side of one LLRP connection, as a state machine driven by the reader's messages.
 *
 * <ol>
 *   <li>CONNECTING: wait for READER_EVENT_NOTIFICATION with a ConnectionAttemptEvent (LLRP 1.1
 *       §9.1.2, §16.2.7.6.6). Other events in the same notification, and notifications without it,
 *       are ignored. A status other than Success means another client holds the reader: close.
 *       The version of this first message is the version the session answers in, so LLRP 1.0.1
 *       readers work.</li>
 *   <li>CONFIGURING: GET_READER_CAPABILITIES, SET_READER_CONFIG.</li>
 *   <li>STARTING: DELETE_ROSPEC 0, ADD_ROSPEC, ENABLE_ROSPEC, START_ROSPEC.</li>
 *   <li>RUNNING: reports pass on to the report handler; keepalives are answered before this handler.</li>
 *   <li>STOPPING ({@link #stop()}): STOP_ROSPEC, CLOSE_CONNECTION, close.</li>
 * </ol>
 *
 * <p>Exactly one request is outstanding at a time, and each has a timeout (the connect timeout).
 * Every response's LLRPStatus is checked; a failure, an ERROR_MESSAGE answering the request, or a
 * timeout is logged once with the spec's status name and closes the connection, so the session backs
 * off and starts again from a clean reader. While stopping, failures are logged and the sequence goes
 * on: the aim is to leave the reader quiet. Malformed messages are thrown as {@link
 * MalformedMessageException} to the exception handler at the tail.
 */
public final class ReaderSessionHandler extends ChannelInboundHandlerAdapter {
  public static final String NAME = "llrp-session";
  private static final Logger LOG = LoggerFactory.getLogger(ReaderSessionHandler.class);

  private record Step(ReaderState state, Supplier<LLRPMessage> request, Class<? extends LLRPMessage> response) {
  }

  private record Pending(long messageId, Class<? extends LLRPMessage> response, ScheduledFuture<?> timeout) {
  }

  private final ReaderSettings settings;
  private final ReaderMetrics metrics;
  private final Consumer<ReaderState> stateListener;
  private final Deque<Step> steps = new ArrayDeque<>();
  private ChannelHandlerContext ctx;
  private ReaderState state = ReaderState.CONNECTING;
  private Pending pending;
  private long nextMessageId = 1;

  public ReaderSessionHandler(ReaderSettings settings, ReaderMetrics metrics, Consumer<ReaderState> stateListener) {
    this.settings = settings;
    this.metrics = metrics;
    this.stateListener = stateListener;
  }

  public ReaderState state() {
    return state;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    enter(ReaderState.CONNECTING);
    pending = new Pending(-1, READER_EVENT_NOTIFICATION.class, scheduleTimeout());
    ctx.fireChannelActive();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    cancelPending();
    steps.clear();
    ctx.fireChannelInactive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof LlrpFrame frame) || frame.type() == LlrpMessageType.RO_ACCESS_REPORT.code()) {
      ctx.fireChannelRead(msg);
      return;
    }
    LLRPMessage message;
    try {
      message = Ltk.decode(frame);
    } catch (LlrpDecodeException e) {
      throw new MalformedMessageException(frame, e);
    } finally {
      frame.release();
    }
    if (state == ReaderState.CONNECTING && pending != null && pending.messageId() == -1) {
      LtkMessageEncoder.useVersion(ctx.channel(), frame.version());
    }
    if (message instanceof READER_EVENT_NOTIFICATION notification) {
      onEvent(notification.getReaderEventNotificationData());
    } else if (message instanceof ERROR_MESSAGE error) {
      onErrorMessage(error);
    } else if (pending != null && pending.response().isInstance(message) && pending.messageId() == frame.messageId()) {
      onResponse(message);
    } else {
      LOG.debug("reader {}: ignoring unexpected {} (message id {}) in state {}", settings.readerId(), message.getName(),
          frame.messageId(), state);
    }
  }

  /**
   * Stops inventory and closes the connection politely. Must be called on the channel's event loop;
   * the channel's close future completes when done.
   */
  public void stop() {
    if (!ctx.channel().isActive() || state == ReaderState.STOPPING) {
      return;
    }
    boolean greeted = state != ReaderState.CONNECTING;
    boolean inventory = state == ReaderState.RUNNING || state == ReaderState.STARTING;
    cancelPending();
    steps.clear();
    if (!greeted) {
      ctx.channel().close();
      return;
    }
    if (inventory) {
      steps.add(new Step(ReaderState.STOPPING, () -> ReaderMessages.stopRoSpec(ReaderMessages.ROSPEC_ID), STOP_ROSPEC_RESPONSE.class));
    }
    steps.add(new Step(ReaderState.STOPPING, ReaderMessages::closeConnection, CLOSE_CONNECTION_RESPONSE.class));
    advance();
  }

  private void onEvent(ReaderEventNotificationData data) {
    if (data == null) {
      return;
    }
    ConnectionAttemptEvent attempt = data.getConnectionAttemptEvent();
    if (state == ReaderState.CONNECTING && attempt != null) {
      cancelPending();
      int status = attempt.getStatus().intValue();
      if (status != ConnectionAttemptStatusType.Success) {
        LOG.warn("reader {}: connection refused by the reader: ConnectionAttemptEvent {}; closing", settings.readerId(),
            attempt.getStatus());
        ctx.channel().close();
        return;
      }
      LOG.info("reader {}: connected (LLRP version {}), configuring", settings.readerId(), LtkMessageEncoder.version(ctx.channel()));
      startupSteps();
      advance();
      return;
    }
    if (data.getConnectionCloseEvent() != null) {
      LOG.info("reader {}: the reader announced it is closing the connection", settings.readerId());
    }
    if (data.getReaderExceptionEvent() != null) {
      LOG.warn("reader {}: reader exception event: {}", settings.readerId(), data.getReaderExceptionEvent().getMessage());
    }
    if (data.getAntennaEvent() != null) {
      LOG.info("reader {}: antenna {} {}", settings.readerId(), data.getAntennaEvent().getAntennaID(),
          data.getAntennaEvent().getEventType());
    }
  }

  private void onErrorMessage(ERROR_MESSAGE error) {
    LLRPStatus status = error.getLLRPStatus();
    long messageId = error.getMessageID().toLong();
    metrics.errorStatus(Ltk.code(status));
    boolean answersPending = pending != null && pending.messageId() == messageId;
    LOG.warn("reader {}: ERROR_MESSAGE for message id {}: {}{}", settings.readerId(), messageId, Ltk.describe(status),
        answersPending && state != ReaderState.STOPPING ? "; closing" : "");
    if (answersPending) {
      cancelPending();
      if (state == ReaderState.STOPPING) {
        advance();
      } else {
        ctx.channel().close();
      }
    }
  }

  private void onResponse(LLRPMessage response) {
    long messageId = pending.messageId();
    cancelPending();
    LLRPStatus status = Ltk.statusOf(response);
    int code = Ltk.code(status);
    if (code != 0) {
      metrics.errorStatus(code);
      boolean closing = state != ReaderState.STOPPING;
      LOG.warn("reader {}: {} (message id {}) failed: {}{}", settings.readerId(), response.getName(), messageId,
          Ltk.describe(status), closing ? "; closing" : "");
      if (closing) {
        ctx.channel().close();
        return;
      }
    } else if (response instanceof GET_READER_CAPABILITIES_RESPONSE capabilities) {
      checkCapabilities(capabilities.getGeneralDeviceCapabilities());
    } else if (response instanceof SET_READER_CONFIG_RESPONSE) {
      KeepaliveHandler keepalive = ctx.pipeline().get(KeepaliveHandler.class);
      if (keepalive != null) {
        keepalive.arm(); // the reader now sends KEEPALIVE every period
      }
    }
    advance();
  }

  private void checkCapabilities(GeneralDeviceCapabilities general) {
    if (general == null || general.getMaxNumberOfAntennaSupported() == null) {
      return;
    }
    int antennas = general.getMaxNumberOfAntennaSupported().intValue();
    LOG.info("reader {}: {} antennas, firmware {}", settings.readerId(), antennas, general.getReaderFirmwareVersion());
    settings.antennas().stream().filter(a -> a.id() > antennas).forEach(a -> LOG.warn(
        "reader {}: antenna {} is configured but the reader reports only {} antennas", settings.readerId(), a.id(), antennas));
  }

  private void startupSteps() {
    steps.clear();
    steps.add(new Step(ReaderState.CONFIGURING, ReaderMessages::getCapabilities, GET_READER_CAPABILITIES_RESPONSE.class));
    steps.add(new Step(ReaderState.CONFIGURING, () -> ReaderMessages.setReaderConfig(settings), SET_READER_CONFIG_RESPONSE.class));
    steps.add(new Step(ReaderState.STARTING, () -> ReaderMessages.deleteRoSpec(ReaderMessages.ALL_ROSPECS), DELETE_ROSPEC_RESPONSE.class));
    steps.add(new Step(ReaderState.STARTING, () -> ReaderMessages.addRoSpec(settings), ADD_ROSPEC_RESPONSE.class));
    steps.add(new Step(ReaderState.STARTING, () -> ReaderMessages.enableRoSpec(ReaderMessages.ROSPEC_ID), ENABLE_ROSPEC_RESPONSE.class));
    steps.add(new Step(ReaderState.STARTING, () -> ReaderMessages.startRoSpec(ReaderMessages.ROSPEC_ID), START_ROSPEC_RESPONSE.class));
  }

  private void advance() {
    Step step = steps.poll();
    if (step == null) {
      if (state == ReaderState.STOPPING) {
        ctx.channel().close();
      } else {
        LOG.info("reader {}: inventory running", settings.readerId());
        enter(ReaderState.RUNNING);
      }
      return;
    }
    enter(step.state());
    LLRPMessage request = step.request().get();
    long messageId = nextMessageId++;
    request.setMessageID(new UnsignedInteger(messageId));
    pending = new Pending(messageId, step.response(), scheduleTimeout());
    ctx.writeAndFlush(request).addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
  }

  private ScheduledFuture<?> scheduleTimeout() {
    return ctx.executor().schedule(this::timedOut, settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
  }

  private void timedOut() {
    if (pending == null || !ctx.channel().isActive()) {
      return;
    }
    LOG.warn("reader {}: no {} within {} ms{} in state {}; closing", settings.readerId(), pending.response().getSimpleName(),
        settings.connectTimeout().toMillis(), pending.messageId() < 0 ? "" : " (message id " + pending.messageId() + ")", state);
    pending = null;
    ctx.channel().close();
  }

  private void cancelPending() {
    if (pending != null) {
      pending.timeout().cancel(false);
      pending = null;
    }
  }

  private void enter(ReaderState next) {
    if (state != next) {
      state = next;
      stateListener.accept(next);
    }
  }
}
