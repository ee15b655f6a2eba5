package dev.funnel.jdbc.testing;

import static java.util.Objects.requireNonNull;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source that hands out a pool's connections, for the tests' data sources to change what
 * they do with them: the rest of the interface is passed on to the pool, or refused where a pool
 * has its own credentials. Not a wrapper in the sense of {@link DataSource#unwrap}.
 */
public abstract class ForwardingDataSource implements DataSource {
  /** The pool whose connections are handed out. */
  protected final DataSource pool;

  /**
   * Passes on to a pool.
   *
   * @param pool the pool
   */
  protected ForwardingDataSource(DataSource pool) {
    this.pool = requireNonNull(pool, "pool");
  }

  @Override
  public Connection getConnection() throws SQLException {
    return pool.getConnection();
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLException("the pool has its own credentials");
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return pool.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    pool.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    pool.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return pool.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() {
    return Logger.getGlobal();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    throw new SQLException("not a wrapper");
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return false;
  }
}
