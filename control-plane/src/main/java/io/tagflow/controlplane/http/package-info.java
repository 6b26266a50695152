/**
 * The HTTP API (Vert.x Web, JSON), described by {@code /openapi.yaml}. One small class of routes per
 * resource; {@link io.tagflow.controlplane.http.ApiRouter} mounts them all and reads top to bottom.
 *
 * <p>Rules every route follows: repository calls run on the JDBC worker pool ({@link
 * io.tagflow.controlplane.http.Blocking}), never on the event loop; bad input is answered with 400 and an
 * RFC 9457 problem body naming the field; nothing ever returns a stack trace.
 */
package io.tagflow.controlplane.http;
