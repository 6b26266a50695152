/**
 * The running scene: pallets moving on virtual time, the RF link budget, the Gen2 inventory
 * approximation and one {@link io.tagflow.sim.physics.ReaderSim} per reader, feeding reads to a
 * {@link io.tagflow.sim.physics.ReadSink} or, through {@link io.tagflow.sim.physics.SceneTagSource},
 * to a simulated LLRP reader. The model and its constants: docs/scenarios.md, section 2.
 *
 * <p>Nulls: no method accepts or returns null.
 */
package io.tagflow.sim.physics;
