/**
 * The demo's own embedded PostgreSQL, bound to 127.0.0.1 on a free port and owned (started and stopped)
 * by the demo; its MQTT broker is {@code io.tagflow.embedded.EmbeddedBroker}, shared with the tests'
 * fallback. Arguments are never null.
 */
package io.tagflow.deploy.embedded;
