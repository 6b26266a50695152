/**
 * Pure throughput load over LLRP: many simulated readers in one process, each reporting synthetic tags
 * at a fixed rate to whatever client connects ({@code ./tagflow sim load}). Used to load-test a gateway
 * and by {@code ./tagflow bench simload}.
 *
 * <p>Parameters and return values are never null unless a method says otherwise.
 */
package io.tagflow.sim.load;
