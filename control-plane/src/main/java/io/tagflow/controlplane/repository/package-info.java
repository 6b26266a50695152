/**
 * What the control plane needs from its store: one small interface per aggregate, implemented by the
 * PostgreSQL store and, in tests, by in-memory fixtures.
 *
 * <p>Contract for every method of every interface here, unless its javadoc says otherwise:
 * <ul>
 *   <li>it may block (JDBC); callers run it on a worker thread, never on an event loop;</li>
 *   <li>it is safe to call from several threads at once;</li>
 *   <li>a write is durable when the method returns normally; if it throws, the write is assumed not
 *       made, and the caller may retry it (every write here is idempotent or reports a conflict);</li>
 *   <li>failures are thrown as unchecked exceptions (e.g. {@link java.io.UncheckedIOException} or a
 *       store-specific {@code RuntimeException}); the HTTP layer answers them with 500/503 and logs
 *       them once, without exposing their message.</li>
 * </ul>
 *
 * <p>Null handling: parameters are non-null unless their javadoc says "nullable"; methods never return
 * null (empty {@link java.util.Optional} or empty list instead).
 */
package io.tagflow.controlplane.repository;
