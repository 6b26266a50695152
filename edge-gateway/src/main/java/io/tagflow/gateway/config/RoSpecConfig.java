package io.tagflow.gateway.config;

import java.time.Duration;

/**
 * The ROSpec the gateway installs on a reader (LLRP 1.1 §10.2.1). Every key is optional; a missing key
 * takes the reader session's default ({@code ReaderSettings.DEFAULT_*}).
 *
 * @param session Gen2 session 0..3
 * @param tagPopulation expected tags in the field
 * @param reportEveryTags report after this many tags
 * @param reportEvery report at least this often
 */
public record RoSpecConfig(Integer session, Integer tagPopulation, Integer reportEveryTags, Duration reportEvery) {
  public RoSpecConfig {
    if (session != null && (session < 0 || session > 3)) {
      throw new ConfigProblem("session", "expected a Gen2 session 0..3, was " + session);
    }
    if (tagPopulation != null && (tagPopulation < 1 || tagPopulation > 0xFFFF)) {
      throw new ConfigProblem("tagPopulation", "expected 1..65535, was " + tagPopulation);
    }
    if (reportEveryTags != null && (reportEveryTags < 1 || reportEveryTags > 0xFFFF)) {
      throw new ConfigProblem("reportEveryTags", "expected 1..65535, was " + reportEveryTags);
    }
    if (reportEvery != null && (reportEvery.toMillis() < 1 || reportEvery.toMillis() > 0xFFFF_FFFFL)) {
      throw new ConfigProblem("reportEvery", "expected a duration from 1ms to 49 days, was " + reportEvery);
    }
  }

  static RoSpecConfig defaults() {
    return new RoSpecConfig(null, null, null, null);
  }
}
