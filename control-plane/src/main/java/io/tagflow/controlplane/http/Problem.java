package io.tagflow.controlplane.http;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem details body ({@code application/problem+json}), with the tagflow extension member
 * {@code field}: the request field (path parameter, query parameter or body member) that was wrong.
 *
 * @param type a URI naming the kind of problem ({@code urn:tagflow:problem:...})
 * @param title the kind of problem, the same for every occurrence
 * @param status the HTTP status
 * @param detail this occurrence, for a human
 * @param field nullable: the offending field
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String field) {
  public static final String MEDIA_TYPE = "application/problem+json";

  public static Problem badRequest(String field, String detail) {
    return new Problem("urn:tagflow:problem:invalid-request", "Invalid request", 400, detail, field);
  }

  public static Problem notFound(String detail) {
    return new Problem("urn:tagflow:problem:not-found", "Not found", 404, detail, null);
  }

  public static Problem conflict(String detail) {
    return new Problem("urn:tagflow:problem:conflict", "Conflict", 409, detail, null);
  }

  public static Problem methodNotAllowed(String detail) {
    return new Problem("urn:tagflow:problem:method-not-allowed", "Method not allowed", 405, detail, null);
  }

  public static Problem tooLarge(long limit) {
    return new Problem("urn:tagflow:problem:body-too-large", "Request body too large", 413,
        "request bodies are limited to " + limit + " bytes", null);
  }

  public static Problem unavailable() {
    return new Problem("urn:tagflow:problem:unavailable", "Service unavailable", 503,
        "the store is not answering; try again shortly", null);
  }

  public static Problem internal() {
    return new Problem("urn:tagflow:problem:internal", "Internal error", 500,
        "the request failed on the server; it has been logged", null);
  }
}
