package dev.funnel.jdbc;

import static java.util.Objects.requireNonNull;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.funnel.ContactRecord;
import dev.funnel.runtime.ContactBook;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * A {@link ContactBook} in PostgreSQL, beside a {@link JdbcLeadStore} in the same database: each
 * person's consent and the marketing messages they were sent, so that an unsubscribe and the
 * frequency caps hold across every runtime sharing the database.
 *
 * <pre>{@code
 * JdbcLeadStore store = JdbcLeadStore.builder(dataSource).schema("sales").build();
 * JdbcContactBook contacts = JdbcContactBook.builder(dataSource).schema("sales").build();
 * store.createSchema();          // or run the migrations in db/migration with Flyway
 * FunnelRuntime runtime =
 *     FunnelRuntime.builder(catalog).store(store).contacts(contacts).handler(...).build();
 * }</pre>
 *
 * <p><b>Table.</b> One row per person id in {@code funnel_contact} (created by the migration {@code
 * V4__contact_book.sql}): the id, the record's version, and its body as {@code jsonb}: the
 * withdrawals and the messages sent, in their order, instants to the nanosecond. It holds channel
 * names, funnel ids and instants, no personal data. The table takes the same schema and prefix as
 * the lead store's, set the same way.
 *
 * <p><b>How each guarantee is kept.</b> {@link #commit} is one statement, so atomic under any
 * isolation level: an {@code UPDATE ... WHERE version = ?}, or, from the empty record's version, an
 * {@code INSERT ... ON CONFLICT DO UPDATE ... WHERE version = 0}, so two runtimes counting a
 * message for one person at once cannot both win. {@link #erase} deletes the row. Each call takes a
 * connection from the data source and gives it back before it returns; the first checks the
 * schema's version.
 *
 * <p><b>Errors.</b> Every failure is a {@link JdbcLeadStoreException} naming the operation, the
 * person id and the table, never a stored value; a failed write has written nothing.
 *
 * <p>Thread-safe.
 */
public final class JdbcContactBook implements ContactBook {
  private final Tables tables;
  private final Jdbc jdbc;
  private final String shown;
  private final String load;
  private final String insert;
  private final String update;
  private final String erase;

  private JdbcContactBook(Builder b) {
    this.tables = b.placement.tables();
    this.jdbc = b.placement.jdbc(b.dataSource, tables);
    this.shown = tables.shown("contact");
    String contact = tables.contact();
    this.load = "SELECT version, body FROM " + contact + " WHERE person_id = ?";
    // From the empty record's version the row may be absent (insert it) or hold version 0 (a
    // record written as the empty one): one statement covers both, and refuses any other version.
    this.insert =
        "INSERT INTO "
            + contact
            + " AS c (person_id, version, body) VALUES (?, ?, ?::jsonb)"
            + " ON CONFLICT (person_id) DO UPDATE SET version = EXCLUDED.version,"
            + " body = EXCLUDED.body WHERE c.version = 0";
    this.update =
        "UPDATE "
            + contact
            + " SET version = ?, body = ?::jsonb WHERE person_id = ? AND version = ?";
    this.erase = "DELETE FROM " + contact + " WHERE person_id = ?";
  }

  /**
   * Starts building a contact book over a data source.
   *
   * @param dataSource where connections come from; the lead store's pool, typically
   * @return a builder
   */
  public static Builder builder(DataSource dataSource) {
    return new Builder(requireNonNull(dataSource, "dataSource"));
  }

  /**
   * Creates the schema and tables of the store and the book, or brings them up to the version this
   * code needs, as {@link JdbcLeadStore#createSchema()} does.
   *
   * @return how many migrations were applied
   * @throws JdbcLeadStoreException if the database refused them or holds a newer version
   */
  @CanIgnoreReturnValue
  public int createSchema() {
    return jdbc.createSchema();
  }

  /**
   * Checks that the database holds the schema version this code needs; the first call to the book
   * does the same.
   *
   * @throws JdbcLeadStoreException if the schema is missing, older or newer
   */
  public void checkSchema() {
    jdbc.checkSchema();
  }

  /**
   * Returns a person's record.
   *
   * @param personId the person's id
   * @return the record, {@link ContactRecord#EMPTY} if nothing is known
   * @throws JdbcLeadStoreException if the database fails or the stored row does not parse
   */
  @Override
  public ContactRecord load(String personId) {
    requireNonNull(personId, "personId");
    return jdbc.query(
        () -> "loading the contact record of person '" + personId + "' from table '" + shown + "'",
        load,
        ps -> ps.setString(1, personId),
        rs -> {
          if (!rs.next()) {
            return ContactRecord.EMPTY;
          }
          long version = rs.getLong(1);
          String body = rs.getString(2);
          try {
            return ContactRows.record(version, body);
          } catch (ContactRows.BadBody e) {
            throw new JdbcLeadStoreException(
                "the contact record of person '"
                    + personId
                    + "' in table '"
                    + shown
                    + "' does not parse: "
                    + e.getMessage());
          }
        });
  }

  /**
   * Stores a person's record if the stored one still has the expected version, in one statement.
   *
   * @param personId the person's id
   * @param expectedVersion the version of the record the change was made from; {@link
   *     ContactRecord#EMPTY}'s for a person nothing is stored about
   * @param next the changed record
   * @return whether it was stored; false if another change came first
   * @throws JdbcLeadStoreException if the database fails; nothing was written then
   */
  @Override
  @CanIgnoreReturnValue
  public boolean commit(String personId, long expectedVersion, ContactRecord next) {
    requireNonNull(personId, "personId");
    requireNonNull(next, "next");
    String body = ContactRows.body(next);
    boolean fromEmpty = expectedVersion == ContactRecord.EMPTY.version();
    int rows =
        jdbc.update(
            () ->
                "committing the contact record of person '"
                    + personId
                    + "' version "
                    + next.version()
                    + " to table '"
                    + shown
                    + "'",
            fromEmpty ? insert : update,
            ps -> {
              if (fromEmpty) {
                ps.setString(1, personId);
                ps.setLong(2, next.version());
                ps.setString(3, body);
              } else {
                ps.setLong(1, next.version());
                ps.setString(2, body);
                ps.setString(3, personId);
                ps.setLong(4, expectedVersion);
              }
            });
    return rows == 1;
  }

  /**
   * Forgets a person entirely: deletes their row.
   *
   * @param personId the person's id
   * @return whether anything was stored about them
   * @throws JdbcLeadStoreException if the database fails; nothing was deleted then
   */
  @Override
  @CanIgnoreReturnValue
  public boolean erase(String personId) {
    requireNonNull(personId, "personId");
    return jdbc.update(
            () ->
                "erasing the contact record of person '"
                    + personId
                    + "' from table '"
                    + shown
                    + "'",
            erase,
            ps -> ps.setString(1, personId))
        > 0;
  }

  /**
   * Returns the tables the book uses.
   *
   * @return the schema and prefix, such as {@code sales.funnel_*}
   */
  @Override
  public String toString() {
    return "JdbcContactBook{tables=" + tables + "}";
  }

  /**
   * Builds a {@link JdbcContactBook}; its options are the lead store's and are set the same way, so
   * that both find their tables side by side. Each option may be set once; setting one twice is a
   * mistake reported at once. Not thread-safe.
   */
  public static final class Builder {
    private final DataSource dataSource;
    private final Placement placement = new Placement();

    private Builder(DataSource dataSource) {
      this.dataSource = dataSource;
    }

    /**
     * Sets the schema the tables live in; by default names are unqualified and the connection's
     * {@code search_path} decides.
     *
     * @param schema a lower-case SQL identifier, such as {@code sales}
     * @return this builder
     * @throws IllegalArgumentException if it is not a lower-case identifier of at most 40 letters,
     *     digits and underscores
     * @throws IllegalStateException if the schema was already set
     */
    @CanIgnoreReturnValue
    public Builder schema(String schema) {
      placement.schema(requireNonNull(schema, "schema"));
      return this;
    }

    /**
     * Sets the prefix of the table names; {@code funnel_} by default, giving {@code
     * funnel_contact}.
     *
     * @param prefix a lower-case SQL identifier, or empty
     * @return this builder
     * @throws IllegalArgumentException if it is neither empty nor a lower-case identifier of at
     *     most 40 letters, digits and underscores
     * @throws IllegalStateException if the prefix was already set
     */
    @CanIgnoreReturnValue
    public Builder tablePrefix(String prefix) {
      placement.tablePrefix(requireNonNull(prefix, "prefix"));
      return this;
    }

    /**
     * Sets how long one statement may run before the driver cancels it and the call fails with
     * nothing written; none by default. JDBC counts it in whole seconds, rounded up.
     *
     * @param timeout the longest a statement may run
     * @return this builder
     * @throws IllegalArgumentException if it is not positive
     * @throws IllegalStateException if the timeout was already set
     */
    @CanIgnoreReturnValue
    public Builder statementTimeout(Duration timeout) {
      placement.statementTimeout(requireNonNull(timeout, "timeout"));
      return this;
    }

    /**
     * Returns the book. It checks the schema on its first call, not here.
     *
     * @return the book
     */
    public JdbcContactBook build() {
      return new JdbcContactBook(this);
    }
  }
}
