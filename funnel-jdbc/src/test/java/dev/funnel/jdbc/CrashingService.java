package dev.funnel.jdbc;

import static dev.funnel.jdbc.Counter.T0;

import com.zaxxer.hikari.HikariDataSource;
import dev.funnel.Actions;
import dev.funnel.Catalog;
import dev.funnel.Event;
import dev.funnel.runtime.FunnelRuntime;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A service that {@link CrashRestartTest} runs in a JVM of its own and kills with {@code kill -9}:
 * it enters leads, delivers one effect of each, then commits a flip of each lead (scheduling a
 * timer) and stops inside the handler, after the commit and before the delivery completes, printing
 * {@code HOLD key} so the test knows when to kill it.
 */
final class CrashingService {
  private CrashingService() {}

  // A child process of the crash test: its standard output is how it tells the test where it is.
  @SuppressWarnings("SystemOut")
  public static void main(String[] args) throws Exception {
    String url = args[0];
    int leads = Integer.parseInt(args[1]);
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    HikariDataSource pool = Postgres.pool(url, leads + 2);
    JdbcLeadStore store = JdbcLeadStore.builder(pool).build();
    FunnelRuntime runtime =
        FunnelRuntime.builder(Catalog.of(Counter.funnel()))
            .store(store)
            .clock(Clock.fixed(T0, ZoneOffset.UTC))
            .handler(
                Actions.SEND,
                d -> {
                  if (d.key().eventId().startsWith("hold-")) {
                    out.println("HOLD " + d.key());
                    Thread.sleep(Long.MAX_VALUE);
                  }
                  out.println("DONE " + d.key());
                })
            .build();
    for (int i = 0; i < leads; i++) {
      runtime.enter("counter", "lead-" + i, "ads", T0);
      runtime.handle("counter", "lead-" + i, Event.of("ping-" + i, "ping", T0.plusSeconds(1)));
    }
    ExecutorService threads = Executors.newFixedThreadPool(leads);
    for (int i = 0; i < leads; i++) {
      String lead = "lead-" + i;
      Event flip = Event.of("hold-" + i, "flip", T0.plusSeconds(2));
      var unused = threads.submit(() -> runtime.handle("counter", lead, flip));
    }
    // Waits for the kill.
    Thread.sleep(Long.MAX_VALUE);
  }
}
