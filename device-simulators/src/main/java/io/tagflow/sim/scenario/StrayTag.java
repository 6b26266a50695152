package io.tagflow.sim.scenario;

/**
 * A tag that is registered nowhere and never moves: a forgotten case on a shelf, a tag on a tool.
 *
 * @param epc 24 hex digits
 * @param position where it lies, metres
 */
public record StrayTag(String epc, Point position) {
}
