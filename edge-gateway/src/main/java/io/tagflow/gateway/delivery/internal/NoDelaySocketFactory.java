package io.tagflow.gateway.delivery.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * Plain TCP sockets with Nagle's algorithm off (TCP_NODELAY), for Paho's {@code tcp://} connections.
 *
 * <p>A gateway publishes one small QoS 1 message and waits for its PUBACK before the outbox entry is
 * released. With Nagle on, a small PUBLISH written while an earlier segment is still unacknowledged
 * waits for that acknowledgement, which the broker's delayed ACK may hold back for tens of
 * milliseconds; every decision's delivery then pays that stall. Paho does not turn it off itself.
 */
public final class NoDelaySocketFactory extends SocketFactory {
  public static final NoDelaySocketFactory INSTANCE = new NoDelaySocketFactory();

  private NoDelaySocketFactory() {
  }

  @Override
  public Socket createSocket() throws IOException {
    return noDelay(new Socket());
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return noDelay(new Socket(host, port));
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
    return noDelay(new Socket(host, port, localHost, localPort));
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return noDelay(new Socket(host, port));
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return noDelay(new Socket(address, port, localAddress, localPort));
  }

  private static Socket noDelay(Socket socket) throws IOException {
    socket.setTcpNoDelay(true);
    return socket;
  }
}
