/**
 * Anomaly rules: one small final class per rule, each fed one kind of event and answering the
 * anomalies that event raises. Rules read time from an injected {@link java.time.Clock} and look lots,
 * tags and authorisations up through the one-method interfaces in this package, so each is unit-tested
 * without a database.
 *
 * <p>Anomaly ids are derived from the rule, the site and the triggering event ({@link Anomaly.Builder#key}),
 * so a replayed or duplicated event raises the same id and the store keeps one row.
 *
 * <p>Null handling: as in {@code io.tagflow.controlplane.model}; nullable components say so.
 */
package io.tagflow.controlplane.anomaly;
