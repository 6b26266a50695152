/**
 * The EPC Tag Data Standard (GS1 EPC TDS 1.13 and later, whose 96-bit encodings are unchanged in
 * TDS 2.0): binary EPC decoding into pure-identity URIs and GS1 keys, and the SGTIN-96 and SSCC-96
 * encoders the simulators need.
 *
 * <p>Parameters and return values are never null unless a method's javadoc says otherwise.
 * Everything here is pure computation: no I/O, no logging, no shared mutable state.
 */
package io.tagflow.protocol.epc;
