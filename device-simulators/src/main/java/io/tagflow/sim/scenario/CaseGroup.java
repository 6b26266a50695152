package io.tagflow.sim.scenario;

/**
 * Cases of one lot on a pallet.
 *
 * @param lot lot id
 * @param count how many cases
 */
public record CaseGroup(String lot, Integer count) {
}
