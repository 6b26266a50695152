/**
 * The control plane's own values: site layout, lots, the tag registry, shipment authorisations and
 * anomalies. All are immutable records validated in their compact constructors.
 *
 * <p>Null handling for the whole package: parameters and components are non-null unless their
 * javadoc says "nullable"; lists are never null (an empty list instead) and are copied on the way in.
 */
package io.tagflow.controlplane.model;
