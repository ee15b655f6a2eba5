package dev.funnel.jdbc;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names of the store's tables: an optional schema and a prefix, both checked identifiers, so
 * that no text from outside is ever put into SQL unchecked. Immutable.
 */
final class Tables {
  /** A lower-case SQL identifier short enough to take the longest suffix within 63 bytes. */
  private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,39}");

  /**
   * The names of tables and indexes in the migration files, with the default prefix; columns such
   * as {@code funnel_id} are not among them.
   */
  private static final Pattern NAME =
      Pattern.compile("\\bfunnel_((?:lead|outbox|accepted|contact|schema)(?:_[a-z]+)*?(_idx)?)\\b");

  static final String DEFAULT_PREFIX = "funnel_";

  private final Optional<String> schema;
  private final String prefix;

  Tables(Optional<String> schema, String prefix) {
    schema.ifPresent(s -> check(s, "schema"));
    checkArgument(
        prefix.isEmpty() || IDENTIFIER.matcher(prefix).matches(),
        "table prefix '%s' is not a lower-case SQL identifier of at most 40 letters, digits and"
            + " underscores",
        prefix);
    this.schema = schema;
    this.prefix = prefix;
  }

  @CanIgnoreReturnValue
  static String check(String identifier, String what) {
    checkArgument(
        IDENTIFIER.matcher(identifier).matches(),
        "%s '%s' is not a lower-case SQL identifier of at most 40 letters, digits and underscores",
        what,
        identifier);
    return identifier;
  }

  Optional<String> schema() {
    return schema;
  }

  /** Returns a table's name as SQL refers to it, such as {@code "sales"."funnel_lead"}. */
  String table(String name) {
    String table = '"' + prefix + name + '"';
    return schema.map(s -> '"' + s + "\"." + table).orElse(table);
  }

  /** Returns a table's name as messages show it, such as {@code sales.funnel_lead}. */
  String shown(String name) {
    return schema.map(s -> s + ".").orElse("") + prefix + name;
  }

  String lead() {
    return table("lead");
  }

  String outbox() {
    return table("outbox");
  }

  /** The tick's claims on due leads ({@code V5__timer_claim_table.sql}). */
  String claim() {
    return table("lead_claim");
  }

  String accepted() {
    return table("accepted");
  }

  String contact() {
    return table("contact");
  }

  String version() {
    return table("schema");
  }

  /**
   * Rewrites a migration written with the default names: tables get this prefix and schema, and
   * indexes (which live in their table's schema) this prefix.
   */
  String rewrite(String migration) {
    Matcher m = NAME.matcher(migration);
    StringBuilder out = new StringBuilder(migration.length() + 256);
    while (m.find()) {
      String suffix = m.group(1);
      String replacement = m.group(2) != null ? '"' + prefix + suffix + '"' : table(suffix);
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  @Override
  public String toString() {
    return shown("*");
  }
}
