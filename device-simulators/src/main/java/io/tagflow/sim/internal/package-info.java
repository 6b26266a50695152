/** Implementation-only helpers of the simulator's commands. */
package io.tagflow.sim.internal;
