/**
 * A {@link dev.funnel.runtime.LeadStore} in PostgreSQL: {@link dev.funnel.jdbc.JdbcLeadStore} keeps
 * one row per lead, the outbox and the accepted event ids in tables of a configurable schema, over
 * a {@link javax.sql.DataSource} the application owns; {@link dev.funnel.jdbc.JdbcContactBook}
 * keeps each person's consent and messages sent beside them, a {@link
 * dev.funnel.runtime.ContactBook}.
 */
@CheckReturnValue
@NullMarked
package dev.funnel.jdbc;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
