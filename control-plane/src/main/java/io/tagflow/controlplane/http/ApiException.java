package io.tagflow.controlplane.http;

/**
 * Thrown (or passed to {@code ctx.fail}) by route handlers to answer with a problem. Carries no stack
 * trace: it is an answer, not a failure, and the failure handler does not log it.
 */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient Problem problem;

  public ApiException(Problem problem) {
    super(problem.detail(), null, false, false);
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
  }

  public static ApiException badRequest(String field, String detail) {
    return new ApiException(Problem.badRequest(field, detail));
  }

  public static ApiException notFound(String detail) {
    return new ApiException(Problem.notFound(detail));
  }

  public static ApiException conflict(String detail) {
    return new ApiException(Problem.conflict(detail));
  }
}
