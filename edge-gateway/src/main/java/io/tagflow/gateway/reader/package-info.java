/**
 * The gateway's LLRP 1.1 reader sessions: {@link io.tagflow.gateway.reader.ReaderSessions} starts one
 * {@link io.tagflow.gateway.reader.ReaderSession} per {@link io.tagflow.gateway.reader.ReaderSettings}
 * and hands every decoded report to a {@link io.tagflow.gateway.reader.TagReportListener}.
 * Implementation-only classes (pipeline handlers, back-off, message building) are in {@code internal}.
 *
 * <p>Parameters and return values are never null unless a method says otherwise.
 */
package io.tagflow.gateway.reader;
