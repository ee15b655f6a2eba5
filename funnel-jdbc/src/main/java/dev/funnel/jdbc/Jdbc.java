package dev.funnel.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * How the store talks to the database: one connection from the data source per call, given back
 * before the call returns; one statement in auto-commit (committed, if the pool hands out
 * connections without it), or several in one transaction; the statement timeout; the schema check
 * on first use; and every driver exception turned into a {@link JdbcLeadStoreException} saying what
 * was being done. Thread-safe.
 */
final class Jdbc {
  /** Sets a statement's parameters. */
  @FunctionalInterface
  interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  /** Reads a statement's result. */
  @FunctionalInterface
  interface Reader<T> {
    T read(ResultSet rs) throws SQLException;
  }

  /** Work on one connection. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  private final DataSource dataSource;
  private final Tables tables;
  private final Schema schema;
  private final int timeoutSeconds;
  private volatile boolean checked;

  Jdbc(DataSource dataSource, Tables tables, int timeoutSeconds) {
    this.dataSource = dataSource;
    this.tables = tables;
    this.schema = new Schema(tables);
    this.timeoutSeconds = timeoutSeconds;
  }

  Tables tables() {
    return tables;
  }

  /** Applies the migrations the database lacks; returns how many. */
  int createSchema() {
    int applied = inTransaction(schema::create, () -> "creating the schema of tables " + tables);
    checked = true;
    return applied;
  }

  /** Throws unless the database holds the schema version this code needs. */
  void checkSchema() {
    boolean unused =
        inConnection(
            c -> {
              schema.check(c);
              return true;
            },
            () -> "checking the schema of tables " + tables);
    checked = true;
  }

  private void ensureChecked() {
    if (!checked) {
      checkSchema();
    }
  }

  /** Runs one query and reads its result. */
  <T> T query(Supplier<String> what, String sql, Binder binder, Reader<T> reader) {
    ensureChecked();
    return inConnection(c -> query(c, sql, binder, reader), what);
  }

  /** Runs one query on a connection already taken. */
  <T> T query(Connection c, String sql, Binder binder, Reader<T> reader) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      timeout(ps);
      binder.bind(ps);
      try (ResultSet rs = ps.executeQuery()) {
        return reader.read(rs);
      }
    }
  }

  /** Runs one data-changing statement; returns how many rows it changed. */
  int update(Supplier<String> what, String sql, Binder binder) {
    ensureChecked();
    return inConnection(
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            timeout(ps);
            binder.bind(ps);
            return ps.executeUpdate();
          }
        },
        what);
  }

  /** Runs work of several statements in one transaction, after the schema check. */
  <T> T transaction(Supplier<String> what, Work<T> work) {
    ensureChecked();
    return inTransaction(work, what);
  }

  private void timeout(PreparedStatement ps) throws SQLException {
    if (timeoutSeconds > 0) {
      ps.setQueryTimeout(timeoutSeconds);
    }
  }

  /** Runs work on a connection; one statement, committed if the connection does not do it. */
  private <T> T inConnection(Work<T> work, Supplier<String> what) {
    try (Connection c = dataSource.getConnection()) {
      if (c.getAutoCommit()) {
        return work.run(c);
      }
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        rollback(c, e);
        throw e;
      }
    } catch (SQLException e) {
      throw Failures.of(what.get(), e, tables);
    }
  }

  /** Runs work in one transaction, restoring the connection's auto-commit afterwards. */
  private <T> T inTransaction(Work<T> work, Supplier<String> what) {
    try (Connection c = dataSource.getConnection()) {
      boolean auto = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        rollback(c, e);
        throw e;
      } finally {
        c.setAutoCommit(auto);
      }
    } catch (SQLException e) {
      throw Failures.of(what.get(), e, tables);
    }
  }

  private static void rollback(Connection c, Exception cause) {
    try {
      c.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }
}
