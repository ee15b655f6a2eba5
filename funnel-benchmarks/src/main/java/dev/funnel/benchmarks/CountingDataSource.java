package dev.funnel.benchmarks;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A data source that counts the statements executed through its connections: with the driver in
 * auto-commit, each execution is one round trip to the server, so statements per event are round
 * trips per event. Thread-safe.
 */
final class CountingDataSource implements DataSource {
  private final DataSource pool;
  private final LongAdder statements = new LongAdder();

  CountingDataSource(DataSource pool) {
    this.pool = pool;
  }

  /** Returns how many statements ran so far. */
  long statements() {
    return statements.sum();
  }

  @Override
  public Connection getConnection() throws SQLException {
    Connection c = pool.getConnection();
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              Object result = invoke(c, method, args);
              if (result instanceof PreparedStatement ps) {
                return wrap(ps, PreparedStatement.class);
              }
              if (result instanceof Statement s) {
                return wrap(s, Statement.class);
              }
              return result;
            });
  }

  private <T extends Statement> Object wrap(T statement, Class<T> type) {
    InvocationHandler counting =
        (proxy, method, args) -> {
          if (method.getName().startsWith("execute")) {
            statements.increment();
          }
          return invoke(statement, method, args);
        };
    return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, counting);
  }

  private static @Nullable Object invoke(Object target, Method method, Object @Nullable [] args)
      throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      throw cause == null ? e : cause;
    }
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLException("the benchmark's pool has its own credentials");
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
