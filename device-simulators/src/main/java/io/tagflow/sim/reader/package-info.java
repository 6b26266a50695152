/**
 * A simulated LLRP 1.1 reader over real TCP: {@link io.tagflow.sim.reader.SimulatedReader} serves one
 * client with the tags of a {@link io.tagflow.sim.reader.TagSource}, the seam where a physical scene
 * plugs in. Implementation-only classes are in {@code internal}.
 *
 * <p>Parameters and return values are never null unless a method says otherwise.
 */
package io.tagflow.sim.reader;
