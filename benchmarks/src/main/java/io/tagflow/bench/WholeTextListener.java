package io.tagflow.bench;

import java.net.http.WebSocket;
import java.util.concurrent.CompletionStage;

/**
 * A WebSocket listener that joins the frames of each text message and hands the whole message on, with
 * the {@link System#nanoTime} at which its last frame arrived; it then asks for the next frame.
 */
final class WholeTextListener implements WebSocket.Listener {
  /** What to do with one whole text message. */
  @FunctionalInterface
  interface Handler {
    /**
     * @param text the message; valid only during this call (the buffer is reused for the next one)
     * @param receivedNanos {@link System#nanoTime} when its last frame arrived
     */
    void onMessage(StringBuilder text, long receivedNanos);
  }

  private final StringBuilder text = new StringBuilder();
  private final Handler handler;

  WholeTextListener(Handler handler) {
    this.handler = handler;
  }

  @Override
  public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
    long now = System.nanoTime();
    text.append(data);
    if (last) {
      handler.onMessage(text, now);
      text.setLength(0);
    }
    socket.request(1);
    return null;
  }
}
