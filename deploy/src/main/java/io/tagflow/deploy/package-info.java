/**
 * How tagflow runs on one machine: {@code ./tagflow demo} ({@link io.tagflow.deploy.DemoMain}) starts
 * the whole system in one process and seeds it from a scenario ({@link io.tagflow.deploy.DemoSite}).
 * Arguments are never null unless a parameter says so.
 */
package io.tagflow.deploy;
