package io.tagflow.controlplane.repository.postgres;

import java.sql.SQLException;

/** A store call failed; the cause is the driver's exception. */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  StoreException(String what, SQLException cause) {
    super(what + ": " + cause.getMessage(), cause);
  }

  /** A JDBC call. */
  @FunctionalInterface
  interface Call<T> {
    T run() throws SQLException;
  }

  /** Runs a JDBC call, rethrowing its SQLException unchecked. */
  static <T> T wrap(String what, Call<T> call) {
    try {
      return call.run();
    } catch (SQLException e) {
      throw new StoreException(what, e);
    }
  }
}
