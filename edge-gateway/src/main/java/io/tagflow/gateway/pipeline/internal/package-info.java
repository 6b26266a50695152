/**
 * Implementation of the filter pipeline: the stages, the per-tag state and the tables they share.
 * Nothing here is API; {@link io.tagflow.gateway.pipeline.TagPipeline} assembles it.
 *
 * <p>All of it is confined to the one thread that drives the pipeline: no locks, no volatile
 * fields. Parameters are never null unless documented.
 */
package io.tagflow.gateway.pipeline.internal;
