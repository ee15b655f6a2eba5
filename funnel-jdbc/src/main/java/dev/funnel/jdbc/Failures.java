package dev.funnel.jdbc;

import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import org.jspecify.annotations.Nullable;

/** Turns a driver's exception into a {@link JdbcLeadStoreException} that says what happened. */
final class Failures {
  private Failures() {}

  static JdbcLeadStoreException of(String what, SQLException e, Tables tables) {
    String state = state(e);
    String reason;
    if (e instanceof SQLTimeoutException || "57014".equals(state)) {
      reason = "the statement ran out of time and was cancelled; nothing was written";
    } else if (state.startsWith("08")
        || e instanceof SQLTransientConnectionException
        || "57P01".equals(state)
        || "57P02".equals(state)) {
      reason = "the connection to the database was lost; nothing was written";
    } else if ("23505".equals(state)) {
      reason = "a unique constraint refused the write; nothing was written";
    } else if ("42P01".equals(state)) {
      reason =
          "a table of "
              + tables
              + " is missing; run the migrations in db/migration or JdbcLeadStore.createSchema()";
    } else if ("42703".equals(state)) {
      reason =
          "a column is missing from the tables "
              + tables
              + ", so the schema is older than this code; run the migrations";
    } else if ("40001".equals(state) || "40P01".equals(state)) {
      reason = "the database aborted the transaction to resolve a conflict; nothing was written";
    } else {
      reason = "the database refused it";
    }
    return new JdbcLeadStoreException(
        what + " failed: " + reason + " (SQL state " + state + ")", e);
  }

  private static String state(SQLException e) {
    for (@Nullable SQLException x = e; x != null; x = x.getNextException()) {
      if (x.getSQLState() != null) {
        return x.getSQLState();
      }
    }
    return "unknown";
  }
}
