/**
 * The demo's own infrastructure: an embedded PostgreSQL and an in-process MQTT 5 broker, each bound to
 * 127.0.0.1 on a free port and owned (started and stopped) by the demo. Arguments are never null.
 */
package io.tagflow.deploy.embedded;
