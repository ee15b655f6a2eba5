package dev.funnel.jdbc.testing;

import static java.util.Objects.requireNonNull;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A data source that counts what a store sends to the server through its connections. Made with a
 * naming of statements, it counts round trips (each statement executed, each commit and each
 * rollback is one: the driver sends nothing for preparing a statement, binding it, building an
 * array or turning auto-commit off) and keeps each statement's name, so a test can say which
 * statements an operation took. Made without, it only counts the statements executed, adding
 * nothing to what is measured but one counter. Thread-safe.
 */
public final class CountingDataSource extends ForwardingDataSource {
  private final @Nullable Function<String, String> names;
  private final LongAdder executed = new LongAdder();
  // Only with names: the round trips and statements since the last take.
  private int roundTrips;
  private final List<String> statements = new ArrayList<>();

  /**
   * Counts the statements executed through the pool's connections, read with {@link #executed()}.
   *
   * @param pool the pool
   */
  public CountingDataSource(DataSource pool) {
    super(pool);
    this.names = null;
  }

  /**
   * Counts the round trips sent through the pool's connections, naming each statement by its text.
   *
   * @param pool the pool
   * @param names the name of a statement, from its text (see {@link #firstWord})
   */
  public CountingDataSource(DataSource pool, Function<String, String> names) {
    super(pool);
    this.names = requireNonNull(names, "names");
  }

  /**
   * Returns the first word of a statement's text, such as {@code SELECT}.
   *
   * @param text the statement's text
   * @return its first word
   */
  public static String firstWord(String text) {
    String t = text.strip();
    int end = 0;
    while (end < t.length() && !Character.isWhitespace(t.charAt(end))) {
      end++;
    }
    return t.substring(0, end);
  }

  /**
   * Returns how many statements were executed so far, commits and rollbacks not counted.
   *
   * @return how many statements were executed so far
   */
  public long executed() {
    return executed.sum();
  }

  /**
   * Returns the round trips since the last take and starts counting them again from zero; always
   * zero for a data source made without names.
   *
   * @return the round trips since the last take
   */
  public synchronized int take() {
    statements.clear();
    int taken = roundTrips;
    roundTrips = 0;
    return taken;
  }

  /**
   * Returns the names of the statements, commits and rollbacks since the last {@link #take}; empty
   * for a data source made without names.
   *
   * @return the names, in the order they were sent
   */
  public synchronized List<String> statements() {
    return List.copyOf(statements);
  }

  private synchronized void sent(String what) {
    roundTrips++;
    statements.add(what);
  }

  private void executed(Function<String, String> names, @Nullable String text) {
    executed.increment();
    sent(names.apply(text == null ? "?" : text));
  }

  @Override
  public Connection getConnection() throws SQLException {
    Connection c = pool.getConnection();
    Function<String, String> named = names;
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              String m = method.getName();
              if (named != null && (m.equals("commit") || m.equals("rollback"))) {
                sent(m.toUpperCase(Locale.ROOT));
              }
              Object result = invoke(c, method, args);
              if (result instanceof PreparedStatement ps) {
                String text = args != null && args[0] instanceof String s ? s : null;
                return wrap(ps, PreparedStatement.class, text);
              }
              if (result instanceof Statement s) {
                return wrap(s, Statement.class, null);
              }
              return result;
            });
  }

  /** Counts the executions of a statement: a prepared one's text is known, a plain one's given. */
  private <T extends Statement> Object wrap(T statement, Class<T> type, @Nullable String prepared) {
    Function<String, String> named = names;
    InvocationHandler counting =
        (proxy, method, args) -> {
          if (method.getName().startsWith("execute")) {
            if (named == null) {
              executed.increment();
            } else {
              executed(
                  named,
                  prepared != null
                      ? prepared
                      : args != null && args.length > 0 && args[0] instanceof String s ? s : null);
            }
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
}
