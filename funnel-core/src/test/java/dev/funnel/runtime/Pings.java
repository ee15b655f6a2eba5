package dev.funnel.runtime;

import dev.funnel.Actions;
import dev.funnel.Catalog;
import dev.funnel.Funnel;
import java.time.Duration;
import java.time.Instant;

/**
 * The funnel the tick's tests drive: one stage with two timers, an hour and seventy minutes after
 * entry, each sending a message, and an event that changes nothing but the lead's version.
 */
final class Pings {
  static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  private Pings() {}

  static Funnel funnel() {
    return Funnel.builder("pings")
        .stage("waiting")
        .entry()
        .after(Duration.ofHours(1))
        .in("waiting")
        .fire("ping")
        .after(Duration.ofMinutes(70))
        .in("waiting")
        .fire("pong")
        .on("ping")
        .from("waiting")
        .then(Actions.send("ping-1"))
        .on("pong")
        .from("waiting")
        .then(Actions.send("pong-1"))
        .on("poke")
        .from("waiting")
        .build();
  }

  /** Returns a runtime of the funnel over a store, its messages and steps heard by a recorder. */
  static FunnelRuntime runtime(LeadStore store, TestClock clock, Recorder rec) {
    return FunnelRuntime.builder(Catalog.of(funnel()))
        .store(store)
        .clock(clock)
        .handler(Actions.SEND, rec)
        .listener(rec)
        .build();
  }
}
