/**
 * Implementation details of the LLRP codec; not API, may change without notice.
 */
package io.tagflow.protocol.llrp.internal;
