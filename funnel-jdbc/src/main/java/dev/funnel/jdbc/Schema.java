package dev.funnel.jdbc;

import com.google.common.collect.ImmutableList;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's schema: the versioned migrations shipped under {@code db/migration}, applied by
 * {@link JdbcLeadStore#createSchema()} or by the application's migration tool, and the check that
 * the database holds the version the code needs.
 */
final class Schema {
  private static final Logger log = LoggerFactory.getLogger(Schema.class);

  /**
   * The migrations in order, each named for the version it brings the schema to ({@code
   * V<version>__<what>.sql}); versions rise, and need not be consecutive, as Flyway allows.
   */
  static final ImmutableList<String> MIGRATIONS =
      ImmutableList.of(
          "V1__funnel_schema.sql",
          "V2__timer_claims.sql",
          "V3__pinned_version_index.sql",
          "V4__contact_book.sql",
          "V5__timer_claim_table.sql");

  /** The version of the schema this code reads and writes: the number of the last migration. */
  static final int VERSION = 5;

  private static final Pattern NAME = Pattern.compile("V([0-9]+)__[a-z0-9_]+\\.sql");

  /** Serializes concurrent {@code createSchema} calls on one database; an arbitrary constant. */
  private static final long LOCK = 0x66756e6e656cL;

  private final Tables tables;

  Schema(Tables tables) {
    this.tables = tables;
  }

  /** Returns the version a migration brings the schema to, from its name. */
  static int version(String migration) {
    Matcher m = NAME.matcher(migration);
    if (!m.matches()) {
      throw new IllegalStateException("migration " + migration + " is not named V<n>__<what>.sql");
    }
    return Integer.parseInt(m.group(1));
  }

  /** Returns a migration's text as shipped, with the default table names. */
  static String migration(String name) {
    try (InputStream in = Schema.class.getResourceAsStream("/db/migration/" + name)) {
      if (in == null) {
        throw new IllegalStateException("migration " + name + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Applies the migrations the database lacks, in one transaction; returns how many. */
  int create(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("SELECT pg_advisory_xact_lock(" + LOCK + ")");
      if (tables.schema().isPresent()) {
        s.execute("CREATE SCHEMA IF NOT EXISTS \"" + tables.schema().get() + '"');
      }
      int current = Math.max(0, current(c));
      if (current > VERSION) {
        throw newer(current);
      }
      int applied = 0;
      for (String name : MIGRATIONS) {
        if (version(name) > current) {
          s.execute(tables.rewrite(migration(name)));
          log.info("applied migration {} to tables {}", name, tables);
          applied++;
        }
      }
      return applied;
    }
  }

  /** Throws unless the database holds the version this code needs. */
  void check(Connection c) throws SQLException {
    int current = current(c);
    if (current < 0) {
      throw new JdbcLeadStoreException(
          "table '"
              + tables.shown("schema")
              + "' is missing: the funnel schema is not installed; run the migrations in"
              + " db/migration or JdbcLeadStore.createSchema()");
    }
    if (current < VERSION) {
      throw new JdbcLeadStoreException(
          "table '"
              + tables.shown("schema")
              + "' says schema version "
              + current
              + ", older than version "
              + VERSION
              + " this code needs; run the migrations in db/migration or"
              + " JdbcLeadStore.createSchema()");
    }
    if (current > VERSION) {
      throw newer(current);
    }
  }

  private JdbcLeadStoreException newer(int current) {
    return new JdbcLeadStoreException(
        "table '"
            + tables.shown("schema")
            + "' says schema version "
            + current
            + ", newer than version "
            + VERSION
            + " this code knows; upgrade funnel-jdbc");
  }

  /** Returns the installed version, or -1 if the version table does not exist. */
  private int current(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
      ps.setString(1, tables.version());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        if (!rs.getBoolean(1)) {
          return -1;
        }
      }
    }
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT max(version) FROM " + tables.version())) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
