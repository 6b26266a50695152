package io.tagflow.gateway.pipeline;

/**
 * A snapshot of one stage's counters.
 *
 * @param stage the stage's name
 * @param in items the stage received (reads, or candidates for the later stages)
 * @param out items the stage passed on or decided
 */
public record StageCount(String stage, long in, long out) {
}
