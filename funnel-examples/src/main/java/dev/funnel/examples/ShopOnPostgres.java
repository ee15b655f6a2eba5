package dev.funnel.examples;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.funnel.Actions;
import dev.funnel.Catalog;
import dev.funnel.Event;
import dev.funnel.Lead;
import dev.funnel.jdbc.JdbcLeadStore;
import dev.funnel.runtime.FunnelRuntime;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The online shop on PostgreSQL: a {@link JdbcLeadStore} over a HikariCP pool, on an embedded
 * PostgreSQL that the recipe starts itself (real PostgreSQL binaries from a Maven artifact, so
 * nothing needs installing). A lead leaves her contact and gets her welcome letter; the service
 * then stops, and a new one over the same database finds the lead where she was and fires her
 * two-day nudge. In production the pool points at your PostgreSQL server instead.
 *
 * <p>Run it with {@code mvn -q -Pdemo -pl funnel-examples -am process-classes
 * -Dexec.mainClass=dev.funnel.examples.ShopOnPostgres}.
 */
public final class ShopOnPostgres {
  private ShopOnPostgres() {}

  /** What the recipe saw: the letters sent, and the lead as each service found it. */
  record Result(List<String> sent, Lead afterFirst, Lead afterRestart) {}

  /** Returns a pool over a database, as a service would configure it. */
  static HikariDataSource pool(String jdbcUrl) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setUsername("postgres");
    config.setMaximumPoolSize(4);
    return new HikariDataSource(config);
  }

  /** Returns a runtime of the online shop over a data source, sending letters into a list. */
  static FunnelRuntime service(DataSource dataSource, Instant now, List<String> sent) {
    JdbcLeadStore store = JdbcLeadStore.builder(dataSource).build();
    store.createSchema(); // once per database; or run the migrations in db/migration with Flyway
    return FunnelRuntime.builder(Catalog.of(OnlineShop.funnel()))
        .store(store)
        .clock(Clock.fixed(now, ZoneOffset.UTC))
        .handler(
            Actions.SEND, d -> sent.add(d.key() + " " + d.action().param("template").orElse("")))
        .handler(Actions.PRESENT, d -> {})
        .build();
  }

  /** Runs the two services one after the other over one embedded database. */
  static Result run(PrintStream out) throws IOException {
    Instant monday = OnlineShop.MONDAY;
    List<String> sent = new ArrayList<>();
    try (EmbeddedPostgres postgres = EmbeddedPostgres.start()) {
      String url = postgres.getJdbcUrl("postgres", "postgres");
      Lead afterFirst;
      try (HikariDataSource pool = pool(url)) {
        FunnelRuntime first = service(pool, monday, sent);
        first.enter("online-shop", "lead-anna", "google-ads", monday);
        first.handle(
            "online-shop", "lead-anna", Event.of("a-1", "contact-left", monday.plusSeconds(60)));
        afterFirst = first.lead("online-shop", "lead-anna").orElseThrow();
        out.println("first service: lead-anna is in " + afterFirst.stage() + ", sent " + sent);
      }
      // The first service is gone; a new one, three days later, over the same database.
      Instant thursday = monday.plus(Duration.ofDays(3));
      try (HikariDataSource pool = pool(url)) {
        FunnelRuntime second = service(pool, thursday, sent);
        int fired = second.tick();
        Lead afterRestart = second.lead("online-shop", "lead-anna").orElseThrow();
        out.println(
            "second service: fired "
                + fired
                + " timer(s); lead-anna is in "
                + afterRestart.stage()
                + ", sent "
                + sent);
        return new Result(List.copyOf(sent), afterFirst, afterRestart);
      }
    }
  }

  /**
   * Runs the recipe.
   *
   * @param args ignored
   * @throws IOException if the embedded PostgreSQL cannot start
   */
  public static void main(String[] args) throws IOException {
    run(System.out);
  }
}
