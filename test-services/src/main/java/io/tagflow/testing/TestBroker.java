package io.tagflow.testing;

/**
 * An MQTT 5 broker for one test class.
 *
 * @param uri the broker URI for Paho, e.g. {@code tcp://127.0.0.1:1883}
 * @param topicPrefix a prefix, ending in '/', that no other test uses
 * @param source where the broker came from (environment, container or embedded)
 */
public record TestBroker(String uri, String topicPrefix, String source) {
}
