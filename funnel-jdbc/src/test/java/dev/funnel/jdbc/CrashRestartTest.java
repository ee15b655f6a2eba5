package dev.funnel.jdbc;

import static dev.funnel.jdbc.Counter.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.funnel.Lead;
import dev.funnel.runtime.EffectKey;
import dev.funnel.runtime.FunnelRuntime;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A service in a second JVM commits changes and is killed with {@code kill -9} between the commits
 * and the deliveries of their effects; after a restart every committed effect is delivered, none
 * that had been delivered is delivered again, and every timer fires.
 */
final class CrashRestartTest {
  static final int LEADS = 6;

  @Test
  void killedBetweenCommitAndDelivery_restartDeliversEveryEffectAndFiresEveryTimer()
      throws Exception {
    String url = Postgres.newDatabase();
    try (HikariDataSource pool = Postgres.pool(url, 4)) {
      JdbcLeadStore store = JdbcLeadStore.builder(pool).build();
      store.createSchema();

      Set<String> held = new HashSet<>();
      Set<String> done = new HashSet<>();
      Process service = start(url);
      try (BufferedReader lines =
          new BufferedReader(
              new InputStreamReader(service.getInputStream(), StandardCharsets.UTF_8))) {
        while (held.size() < LEADS) {
          String line = lines.readLine();
          if (line == null) {
            throw new AssertionError("the service stopped before it held every effect: " + held);
          }
          (line.startsWith("HOLD ") ? held : done).add(line.substring(5));
        }
      } finally {
        service.destroyForcibly();
        assertTrue(service.waitFor(30, TimeUnit.SECONDS));
      }
      assertEquals(137, service.exitValue(), "killed with SIGKILL");
      assertEquals(LEADS, done.size());

      // The restarted service, once the dead one's leases have run out.
      Counter rec = new Counter();
      FunnelRuntime restarted =
          rec.runtime(store, T0.plus(FunnelRuntime.DEFAULT_LEASE).plusSeconds(60));
      assertEquals(LEADS, restarted.dispatchPending());
      assertEquals(held, keys(rec.delivered.keySet()));
      assertEquals(LEADS, restarted.advanceTo(T0.plus(Duration.ofHours(1))));

      Set<String> delivered = keys(rec.delivered.keySet());
      assertEquals(2 * LEADS, delivered.size());
      assertTrue(delivered.containsAll(held));
      Set<String> again = new HashSet<>(delivered);
      again.retainAll(done);
      assertEquals(Set.of(), again, "delivered before the crash and again after it");
      for (int i = 0; i < LEADS; i++) {
        Lead lead = restarted.lead("counter", "lead-" + i).orElseThrow();
        assertEquals("open", lead.stage(), lead.id());
        assertEquals(3, lead.version(), lead.id());
      }
      assertTrue(store.pending(10).isEmpty());
      assertTrue(store.firstDue().isEmpty());
    }
  }

  private static Set<String> keys(Set<EffectKey> keys) {
    Set<String> out = new HashSet<>();
    for (EffectKey k : keys) {
      out.add(k.toString());
    }
    return out;
  }

  /** Starts {@link CrashingService} in a new JVM with this JVM's class and module paths. */
  private static Process start(String url) throws Exception {
    List<String> path = new ArrayList<>();
    for (String property : new String[] {"jdk.module.path", "java.class.path"}) {
      String value = System.getProperty(property);
      if (value != null && !value.isEmpty()) {
        path.add(value);
      }
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        List.of(
            java,
            "-cp",
            String.join(File.pathSeparator, path),
            CrashingService.class.getName(),
            url,
            Integer.toString(LEADS));
    return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
  }
}
