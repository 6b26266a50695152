/**
 * An in-process MQTT 5 broker on the loopback interface, for the demo and for tests that have no broker
 * to connect to. Not for production: it keeps messages in memory only. Arguments are never null.
 */
package io.tagflow.embedded;
