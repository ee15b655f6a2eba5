package dev.funnel.jdbc;

/**
 * Thrown when {@link JdbcLeadStore} or {@link JdbcContactBook} cannot do what was asked: the
 * database refused or dropped a statement, a statement ran out of time, a stored lead or contact
 * record does not parse, or the schema is missing or older than the code. The message names the
 * operation, the lead, the person or the table, never a stored value; the {@linkplain #getCause()
 * cause} is the driver's {@link java.sql.SQLException} where there is one. A write that fails this
 * way has written nothing: each write is one statement or one transaction. Immutable.
 */
public final class JdbcLeadStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  JdbcLeadStoreException(String message) {
    super(message);
  }

  JdbcLeadStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
