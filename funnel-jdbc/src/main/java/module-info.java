/**
 * A lead store in PostgreSQL over plain JDBC: {@link dev.funnel.jdbc.JdbcLeadStore}, with its
 * schema as versioned SQL migrations under {@code db/migration}.
 */
module dev.funnel.jdbc {
  requires transitive dev.funnel.core;
  requires transitive java.sql;
  requires dev.funnel.jackson;
  requires org.slf4j;
  requires static transitive org.jspecify;
  requires static transitive com.google.errorprone.annotations;

  exports dev.funnel.jdbc;
}
