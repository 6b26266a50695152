package io.tagflow.bench;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.SocketFactory;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.packet.MqttPubAck;
import org.eclipse.paho.mqttv5.common.packet.MqttPublish;
import org.eclipse.paho.mqttv5.common.packet.MqttWireMessage;

/**
 * Times MQTT packets on the publisher's socket, without touching Paho: a {@link SocketFactory} (for
 * {@code MqttPublisherOptions.socketFactory}) whose sockets (TCP_NODELAY, as the gateway's) note
 * {@link System#nanoTime} when a PUBLISH's last byte was handed to the kernel (the socket write
 * returned, on Paho's sender thread) and when a PUBACK's last byte was read (on Paho's receiver
 * thread). Publications are keyed by their payload (each event's is unique: it carries its id);
 * a PUBACK is matched to the PUBLISH by packet identifier. First occurrences count (a resend keeps
 * the first time). Packets are framed here (fixed header, MQTT 5 §2.1) and decoded by Paho's own
 * packet classes.
 */
final class WireTap extends SocketFactory {
  private final Map<ByteBuffer, Long> publishWritten = new ConcurrentHashMap<>();
  private final Map<ByteBuffer, Long> pubackRead = new ConcurrentHashMap<>();
  /** Packet identifier -> payload of the PUBLISH awaiting its PUBACK. */
  private final Map<Integer, ByteBuffer> awaiting = new ConcurrentHashMap<>();

  /** When the PUBLISH with {@code payload} was written to the socket, or null. */
  Long publishWrittenAt(byte[] payload) {
    return publishWritten.get(ByteBuffer.wrap(payload));
  }

  /** When the PUBACK of the PUBLISH with {@code payload} was read from the socket, or null. */
  Long pubackReadAt(byte[] payload) {
    return pubackRead.get(ByteBuffer.wrap(payload));
  }

  @Override
  public Socket createSocket() throws IOException {
    return new TappedSocket();
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    throw new UnsupportedOperationException("Paho creates unconnected sockets");
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort) {
    throw new UnsupportedOperationException("Paho creates unconnected sockets");
  }

  @Override
  public Socket createSocket(InetAddress host, int port) {
    throw new UnsupportedOperationException("Paho creates unconnected sockets");
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) {
    throw new UnsupportedOperationException("Paho creates unconnected sockets");
  }

  /**
   * A PUBLISH about to be written: its packet identifier is noted before the bytes leave, because the
   * PUBACK may be read on the receiver thread before the write returns here. Returns its payload key.
   */
  private ByteBuffer outgoing(byte fixedHeader, byte[] body) {
    if (((fixedHeader >> 4) & 0x0F) != MqttWireMessage.MESSAGE_TYPE_PUBLISH) {
      return null;
    }
    try {
      MqttPublish publish = new MqttPublish(fixedHeader, body);
      ByteBuffer key = ByteBuffer.wrap(publish.getPayload());
      if (publish.getQoS() > 0) {
        awaiting.put(publish.getMessageId(), key);
      }
      return key;
    } catch (IOException | MqttException e) {
      throw new IllegalStateException("wire tap: cannot decode an outgoing PUBLISH", e);
    }
  }

  private void incoming(byte fixedHeader, byte[] body, long at) {
    if (((fixedHeader >> 4) & 0x0F) != MqttWireMessage.MESSAGE_TYPE_PUBACK) {
      return;
    }
    try {
      ByteBuffer key = awaiting.remove(new MqttPubAck(body).getMessageId());
      if (key != null) {
        pubackRead.putIfAbsent(key, at);
      }
    } catch (IOException | MqttException e) {
      throw new IllegalStateException("wire tap: cannot decode an incoming PUBACK", e);
    }
  }

  /** A whole packet: its fixed header's first byte and the rest after the remaining length. */
  private record Packet(byte fixedHeader, byte[] body) {
  }

  /** Reassembles packets from the bytes of one direction (one thread each). */
  private static final class Framer {
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    /** The packets these bytes complete. */
    List<Packet> bytes(byte[] b, int off, int len) {
      pending.write(b, off, len);
      byte[] buf = pending.toByteArray();
      List<Packet> packets = new ArrayList<>(1);
      int start = 0;
      while (true) {
        int length = 0;
        int shift = 0;
        int i = start + 1;
        boolean complete = false;
        while (i < buf.length) {
          int digit = buf[i++];
          length |= (digit & 0x7F) << shift;
          shift += 7;
          if ((digit & 0x80) == 0) {
            complete = true;
            break;
          }
        }
        if (!complete || buf.length - i < length) {
          break;
        }
        packets.add(new Packet(buf[start], Arrays.copyOfRange(buf, i, i + length)));
        start = i + length;
      }
      pending.reset();
      pending.write(buf, start, buf.length - start);
      return packets;
    }
  }

  private final class TappedSocket extends Socket {
    private OutputStream out;
    private InputStream in;

    TappedSocket() throws IOException {
      setTcpNoDelay(true);
    }

    @Override
    public synchronized OutputStream getOutputStream() throws IOException {
      if (out == null) {
        Framer framer = new Framer();
        out = new FilterOutputStream(super.getOutputStream()) {
          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            List<ByteBuffer> publishes = new ArrayList<>(1);
            for (Packet p : framer.bytes(b, off, len)) {
              ByteBuffer key = outgoing(p.fixedHeader(), p.body());
              if (key != null) {
                publishes.add(key);
              }
            }
            this.out.write(b, off, len);
            long at = System.nanoTime();
            for (ByteBuffer key : publishes) {
              publishWritten.putIfAbsent(key, at);
            }
          }

          @Override
          public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
          }
        };
      }
      return out;
    }

    @Override
    public synchronized InputStream getInputStream() throws IOException {
      if (in == null) {
        Framer framer = new Framer();
        in = new FilterInputStream(super.getInputStream()) {
          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            int n = this.in.read(b, off, len);
            if (n > 0) {
              long at = System.nanoTime();
              for (Packet p : framer.bytes(b, off, n)) {
                incoming(p.fixedHeader(), p.body(), at);
              }
            }
            return n;
          }

          @Override
          public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
          }
        };
      }
      return in;
    }
  }
}
