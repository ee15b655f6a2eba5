package dev.funnel.jdbc;

import java.io.PrintWriter;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A data source that counts what the store sends to the server through its connections: each
 * statement executed, each commit and each rollback is one round trip (the driver sends nothing for
 * preparing a statement, binding it, building an array or turning auto-commit off). It keeps the
 * first words of each statement, so a test can say which statements an operation took. Thread-safe.
 */
final class CountingDataSource implements DataSource {
  private final DataSource pool;
  private final AtomicInteger roundTrips = new AtomicInteger();
  private final List<String> statements = new ArrayList<>();
  private final Function<String, String> names;

  /** Counts what is sent through the pool's connections, naming each statement by {@code names}. */
  CountingDataSource(DataSource pool, Function<String, String> names) {
    this.pool = pool;
    this.names = names;
  }

  /**
   * Names the statements of the store's {@link Sql} by the field that holds them ({@code update},
   * {@code loadDue}, {@code commitAll}...), any other by its first word.
   */
  static Function<String, String> storeNames(Tables tables) {
    Map<String, String> byText = new HashMap<>();
    for (boolean deletes : new boolean[] {false, true}) {
      Sql sql = new Sql(tables, deletes);
      for (Field f : Sql.class.getDeclaredFields()) {
        if (f.getType() == String.class && !Modifier.isStatic(f.getModifiers())) {
          try {
            byText.put((String) f.get(sql), f.getName());
          } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
          }
        }
      }
    }
    return text -> byText.getOrDefault(text, firstWord(text));
  }

  private static String firstWord(String text) {
    String t = text.strip();
    int end = 0;
    while (end < t.length() && !Character.isWhitespace(t.charAt(end))) {
      end++;
    }
    return t.substring(0, end);
  }

  /** Returns the round trips so far and starts counting again from zero. */
  synchronized int take() {
    statements.clear();
    return roundTrips.getAndSet(0);
  }

  /** Returns the statements since the last {@link #take}, each by its first words. */
  synchronized List<String> statements() {
    return List.copyOf(statements);
  }

  private synchronized void sent(String what) {
    roundTrips.incrementAndGet();
    statements.add(what);
  }

  @Override
  public Connection getConnection() throws SQLException {
    Connection c = pool.getConnection();
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              String m = method.getName();
              if (m.equals("commit") || m.equals("rollback")) {
                sent(m.toUpperCase(Locale.ROOT));
              }
              Object result = invoke(c, method, args);
              if (result instanceof PreparedStatement ps && args != null) {
                return wrap(ps, PreparedStatement.class, names.apply((String) args[0]));
              }
              if (result instanceof Statement s) {
                return wrap(s, Statement.class, null);
              }
              return result;
            });
  }

  private <T extends Statement> Object wrap(T statement, Class<T> type, @Nullable String name) {
    InvocationHandler counting =
        (proxy, method, args) -> {
          if (method.getName().startsWith("execute")) {
            sent(name != null ? name : names.apply(args == null ? "?" : (String) args[0]));
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
    throw new SQLException("the test's pool has its own credentials");
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
