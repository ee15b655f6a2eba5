package dev.funnel.jdbc;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * What both stores' builders set alike: the schema and table prefix their tables take, and the
 * statement timeout, each settable once. Not thread-safe.
 */
final class Placement {
  private @Nullable String schema;
  private String prefix = Tables.DEFAULT_PREFIX;
  private boolean prefixSet;
  private @Nullable Duration timeout;

  void schema(String schema) {
    checkState(this.schema == null, "schema was already set to %s", this.schema);
    this.schema = Tables.check(schema, "schema");
  }

  void tablePrefix(String prefix) {
    checkState(!prefixSet, "table prefix was already set to %s", this.prefix);
    if (!prefix.isEmpty()) {
      Tables.check(prefix, "table prefix");
    }
    this.prefix = prefix;
    this.prefixSet = true;
  }

  void statementTimeout(Duration timeout) {
    checkState(this.timeout == null, "statement timeout was already set to %s", this.timeout);
    checkArgument(!timeout.isNegative() && !timeout.isZero(), "statement timeout must be positive");
    this.timeout = timeout;
  }

  Tables tables() {
    return new Tables(Optional.ofNullable(schema), prefix);
  }

  /** Returns the JDBC connection helper over the tables: the timeout in whole seconds, 0 none. */
  Jdbc jdbc(DataSource dataSource, Tables tables) {
    Duration t = timeout;
    int seconds = t == null ? 0 : (int) Math.min(Integer.MAX_VALUE, (t.toMillis() + 999) / 1000);
    return new Jdbc(dataSource, tables, seconds);
  }
}
