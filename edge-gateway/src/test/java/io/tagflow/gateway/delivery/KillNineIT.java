package io.tagflow.gateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.tagflow.testing.TestBroker;
import io.tagflow.testing.TestServices;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 in the middle of appending and publishing: a child JVM ({@link OutboxChildMain}) is destroyed
 * forcibly, a second run on the same outbox replays what was not acknowledged, and the subscriber ends
 * with every event the first run reported as appended, at least once, duplicated only by id.
 */
class KillNineIT {
  private static final Pattern ID = Pattern.compile("\"id\":\"evt-(\\d+)\"");

  @TempDir
  Path dir;

  @Test
  void killedMidFlow_restartReplaysUnacknowledgedAndNothingIsLost() throws Exception {
    TestBroker broker = TestServices.newBroker("kill-nine");
    String topic = broker.topicPrefix() + "site/gw/movements";
    try (MqttCollector sub = new MqttCollector(broker.uri(), topic)) {
      Process first = child(broker.uri(), topic, 0, 5_000);
      BlockingQueue<String> lines = lines(first);
      int lastAppended = -1;
      while (lastAppended < 300) {
        String line = lines.poll(60, TimeUnit.SECONDS);
        assertThat(line).as("child output").isNotNull();
        if (line.startsWith("APPENDED ")) {
          lastAppended = Integer.parseInt(line.substring(9));
        }
      }
      first.destroyForcibly();
      assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(first.exitValue()).as("killed, not finished").isNotZero();
      String line;
      while ((line = lines.poll(1, TimeUnit.SECONDS)) != null) {
        if (line.startsWith("APPENDED ")) {
          lastAppended = Integer.parseInt(line.substring(9));
        }
      }
      assertThat(lastAppended).isLessThan(4_999);

      Process second = child(broker.uri(), topic, 0, 0);
      BlockingQueue<String> secondLines = lines(second);
      List<String> output = new ArrayList<>();
      while (!(output.contains("DRAINED"))) {
        String l = secondLines.poll(90, TimeUnit.SECONDS);
        assertThat(l).as("second run output so far: " + output).isNotNull();
        output.add(l);
      }
      assertThat(second.waitFor(30, TimeUnit.SECONDS)).isTrue();

      int mustHave = lastAppended;
      List<Integer> received = new ArrayList<>();
      MqttCollector.Received r;
      Set<Integer> distinct = new LinkedHashSet<>();
      while (!distinct.containsAll(range(mustHave)) && (r = sub.next(10_000)) != null) {
        Matcher m = ID.matcher(r.payload());
        assertThat(m.find()).as("payload " + r.payload()).isTrue();
        int id = Integer.parseInt(m.group(1));
        assertThat(r.payload()).isEqualTo("{\"id\":\"evt-" + id + "\",\"n\":" + id + "}");
        received.add(id);
        distinct.add(id);
      }
      // Drain anything the second run sent after the last awaited id (appended by the first run but not yet reported).
      while ((r = sub.next(1_000)) != null) {
        Matcher m = ID.matcher(r.payload());
        assertThat(m.find()).isTrue();
        received.add(Integer.parseInt(m.group(1)));
        distinct.add(Integer.parseInt(m.group(1)));
      }
      assertThat(distinct).containsAll(range(mustHave));
      // Every id ever sent is one the first run appended: a contiguous range from 0, first arrivals in order.
      List<Integer> firstArrivals = List.copyOf(distinct);
      assertThat(firstArrivals).isEqualTo(range(firstArrivals.size() - 1));
      System.out.printf("kill -9 after %d reported appends: %d messages received, %d distinct, %d duplicates%n",
          mustHave + 1, received.size(), distinct.size(), received.size() - distinct.size());
    }
  }

  private static List<Integer> range(int lastInclusive) {
    List<Integer> l = new ArrayList<>();
    for (int i = 0; i <= lastInclusive; i++) {
      l.add(i);
    }
    return l;
  }

  private Process child(String uri, String topic, int from, int to) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        OutboxChildMain.class.getName(), dir.toString(), uri, topic, Integer.toString(from), Integer.toString(to));
    pb.redirectError(ProcessBuilder.Redirect.INHERIT);
    return pb.start();
  }

  private static BlockingQueue<String> lines(Process p) {
    BlockingQueue<String> q = new LinkedBlockingQueue<>();
    Thread t = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          q.add(line);
        }
      } catch (java.io.IOException e) {
        // the process died
      }
    }, "child-stdout");
    t.setDaemon(true);
    t.start();
    return q;
  }
}
