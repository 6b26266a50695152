package io.tagflow.protocol.event;

import java.util.Objects;

/**
 * Builds and parses the contract's MQTT topics (docs/events.md):
 * <pre>
 *   tagflow/v1/{site}/{gateway}/movements
 *   tagflow/v1/{site}/{gateway}/locations
 *   tagflow/v1/{site}/{gateway}/readers/{reader}/status   (retained)
 *   tagflow/v1/{site}/{gateway}/health                    (retained; the gateway's will)
 * </pre>
 * Ids are 1-64 characters of {@code [A-Za-z0-9._-]}, so they never contain the MQTT separators and
 * wildcards '/', '+', '#' (MQTT 5 §4.7). {@link #under(String)} puts the tree below a prefix, which
 * tests use to keep their topics apart on a shared broker.
 */
public final class Topics {
  /** The contract's topic root. */
  public static final String ROOT = "tagflow/v1";
  /** Topics longer than this are rejected by {@link #parse(String)} before any splitting. */
  public static final int MAX_TOPIC_LENGTH = 512;
  private static final Topics STANDARD = new Topics(ROOT);

  private final String root;

  private Topics(String root) {
    this.root = root;
  }

  /** Topics at {@code tagflow/v1/...}. */
  public static Topics standard() {
    return STANDARD;
  }

  /**
   * Topics at {@code {prefix}tagflow/v1/...}.
   *
   * @param prefix empty, or topic levels ending in '/', without wildcards
   */
  public static Topics under(String prefix) {
    Objects.requireNonNull(prefix, "prefix");
    if (!prefix.isEmpty() && (!prefix.endsWith("/") || prefix.startsWith("$") || prefix.contains("+")
        || prefix.contains("#"))) {
      throw new IllegalArgumentException("prefix: expected topic levels ending in '/' without wildcards, got \""
          + prefix + "\"");
    }
    return prefix.isEmpty() ? STANDARD : new Topics(prefix + ROOT);
  }

  /** The root these topics hang from, {@code tagflow/v1} unless a prefix was given. */
  public String root() {
    return root;
  }

  public String movements(String site, String gateway) {
    return topic(new TopicAddress(site, gateway, TopicKind.MOVEMENTS, null));
  }

  public String locations(String site, String gateway) {
    return topic(new TopicAddress(site, gateway, TopicKind.LOCATIONS, null));
  }

  public String readerStatus(String site, String gateway, String reader) {
    return topic(new TopicAddress(site, gateway, TopicKind.READER_STATUS, reader));
  }

  public String health(String site, String gateway) {
    return topic(new TopicAddress(site, gateway, TopicKind.HEALTH, null));
  }

  /** The topic of an address. */
  public String topic(TopicAddress address) {
    String base = root + '/' + address.site() + '/' + address.gateway() + '/';
    return address.kind() == TopicKind.READER_STATUS
        ? base + "readers/" + address.reader() + '/' + TopicKind.READER_STATUS.level()
        : base + address.kind().level();
  }

  /** The subscription filter matching one kind at every site and gateway, e.g. {@code tagflow/v1/+/+/movements}. */
  public String filter(TopicKind kind) {
    return kind == TopicKind.READER_STATUS
        ? root + "/+/+/readers/+/" + kind.level()
        : root + "/+/+/" + kind.level();
  }

  /**
   * The shared-subscription filter (MQTT 5 §4.8.2) for one kind, e.g.
   * {@code $share/tagflow-cp/tagflow/v1/+/+/movements}: the broker hands each message to one member
   * of the group, so control-plane instances split the load.
   *
   * @param group the share name: no '/', '+' or '#'
   */
  public String sharedFilter(String group, TopicKind kind) {
    if (group == null || group.isEmpty() || group.contains("/") || group.contains("+") || group.contains("#")) {
      throw new IllegalArgumentException("group: expected a share name without '/', '+' or '#', got "
          + (group == null ? "null" : Checks.quote(group)));
    }
    return "$share/" + group + '/' + filter(kind);
  }

  /**
   * Splits a topic a message arrived on.
   *
   * @throws EventFormatException with path {@code topic} and a reason saying which level is wrong
   */
  public TopicAddress parse(String topic) {
    if (topic == null || topic.isEmpty()) {
      throw new EventFormatException("topic", "missing");
    }
    if (topic.length() > MAX_TOPIC_LENGTH) {
      throw new EventFormatException("topic", "longer than " + MAX_TOPIC_LENGTH + " characters");
    }
    if (!topic.startsWith(root + '/')) {
      throw new EventFormatException("topic", "expected it to start with " + root + "/, got " + Checks.quote(topic));
    }
    String[] levels = topic.substring(root.length() + 1).split("/", -1);
    if (levels.length < 3) {
      throw new EventFormatException("topic", "expected " + root + "/{site}/{gateway}/{kind}, got " + Checks.quote(topic));
    }
    String site = level(levels[0], "site");
    String gateway = level(levels[1], "gateway");
    if (levels.length == 3) {
      for (TopicKind kind : TopicKind.values()) {
        if (kind != TopicKind.READER_STATUS && kind.level().equals(levels[2])) {
          return new TopicAddress(site, gateway, kind, null);
        }
      }
    } else if (levels.length == 5 && levels[2].equals("readers") && levels[4].equals(TopicKind.READER_STATUS.level())) {
      return new TopicAddress(site, gateway, TopicKind.READER_STATUS, level(levels[3], "reader"));
    }
    throw new EventFormatException("topic", "unknown kind " + Checks.quote(String.join("/", java.util.Arrays.asList(levels).subList(2, levels.length)))
        + ", expected movements, locations, health or readers/{reader}/status");
  }

  private static String level(String value, String name) {
    if (!Checks.ID.matcher(value).matches()) {
      throw new EventFormatException("topic", name + " level " + Checks.quote(value)
          + " is not an id (1-64 characters [A-Za-z0-9._-] starting with a letter or digit)");
    }
    return value;
  }
}
