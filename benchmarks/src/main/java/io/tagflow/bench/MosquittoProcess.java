package io.tagflow.bench;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Mosquitto of this benchmark's own, configured by tagflow's recommended broker configuration
 * ({@value #CONFIG}) on a free loopback port: the file as shipped, with the port of its
 * {@code listener} lines replaced, run with a temporary working directory. Started only when a
 * {@code mosquitto} binary is on the PATH; {@link #close} stops it (a shutdown hook too, should the
 * benchmark be interrupted). The machine's own broker is never touched.
 */
final class MosquittoProcess implements AutoCloseable {
  static final String CONFIG = "deploy/mosquitto/tagflow.conf";
  private static final Pattern LISTENER = Pattern.compile("^listener\\s+\\d+\\s+127\\.0\\.0\\.1\\s*$", Pattern.MULTILINE);

  private final Process process;
  private final Path dir;
  private final Thread hook;
  final String uri;

  private MosquittoProcess(Process process, Path dir, String uri) {
    this.process = process;
    this.dir = dir;
    this.uri = uri;
    this.hook = new Thread(process::destroy, "mosquitto-stop");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** The broker, started and answering; or null, with the reason printed, when it cannot be. */
  static MosquittoProcess startIfInstalled(PrintStream out) throws IOException, InterruptedException {
    Path binary = onPath("mosquitto");
    Path config = find(Path.of("").toAbsolutePath());
    if (binary == null || config == null) {
      out.printf("publish: %s; only the configured broker is measured%n", binary == null
          ? "no mosquitto binary on the PATH" : "no " + CONFIG + " in this directory or above it");
      return null;
    }
    String text = Files.readString(config, StandardCharsets.UTF_8);
    Matcher m = LISTENER.matcher(text);
    if (!m.find()) {
      throw new IllegalStateException(config + ": expected a line 'listener PORT 127.0.0.1'");
    }
    int port = freePort();
    Path dir = Files.createTempDirectory("tagflow-bench-mosquitto");
    Path conf = dir.resolve("mosquitto.conf");
    Files.writeString(conf, m.replaceAll("listener " + port + " 127.0.0.1"), StandardCharsets.UTF_8);
    Path log = dir.resolve("mosquitto.log");
    Process p = new ProcessBuilder(binary.toString(), "-c", conf.toString()).directory(dir.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    MosquittoProcess broker = new MosquittoProcess(p, dir, "tcp://127.0.0.1:" + port);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!answers(port)) {
      if (!p.isAlive() || System.nanoTime() > deadline) {
        String said = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8).strip() : "";
        broker.close();
        throw new IllegalStateException("mosquitto -c " + config + " (port " + port + ") did not start: " + said);
      }
      TimeUnit.MILLISECONDS.sleep(50);
    }
    out.printf("publish: started %s -c %s on 127.0.0.1:%d (pid %d)%n", binary, config, port, p.pid());
    return broker;
  }

  long pid() {
    return process.pid();
  }

  @Override
  public void close() throws IOException, InterruptedException {
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(5, TimeUnit.SECONDS);
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // already shutting down: the hook stops it
    }
    List<Path> files = new ArrayList<>();
    try (var walk = Files.walk(dir)) {
      walk.forEach(files::add);
    }
    for (int i = files.size() - 1; i >= 0; i--) {
      Files.deleteIfExists(files.get(i));
    }
  }

  private static Path onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String entry : path.split(File.pathSeparator)) {
      Path candidate = Path.of(entry.isEmpty() ? "." : entry, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  private static Path find(Path from) {
    for (Path d = from; d != null; d = d.getParent()) {
      Path candidate = d.resolve(CONFIG);
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static boolean answers(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
