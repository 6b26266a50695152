/**
 * The edge gateway's read filter: raw tag reads in, door movements and bin locations out.
 *
 * <p>Entry point {@link io.tagflow.gateway.pipeline.TagPipeline}; settings
 * {@link io.tagflow.gateway.pipeline.FilterSettings}; outputs through
 * {@link io.tagflow.gateway.pipeline.DecisionListener}. The stages themselves are implementation
 * and live in {@code internal}; each one's class comment explains its algorithm.
 *
 * <p>Parameters and return values are never null unless a method's javadoc says otherwise. Times in
 * the hot path are microseconds since the Unix epoch held in a {@code long}.
 */
package io.tagflow.gateway.pipeline;
