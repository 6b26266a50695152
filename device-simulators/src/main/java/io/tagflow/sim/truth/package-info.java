/**
 * Ground truth: every true door crossing and bin placement of a scene, written and read as JSON lines
 * (docs/scenarios.md, section 4).
 *
 * <p>Nulls: no method accepts or returns null.
 */
package io.tagflow.sim.truth;
