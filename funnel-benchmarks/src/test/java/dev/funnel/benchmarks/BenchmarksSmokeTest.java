package dev.funnel.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs every benchmark of the module once, briefly and in this JVM, so that none rots: a benchmark
 * that throws, or whose loop stops doing its work (its iteration check fails), fails the build. The
 * benchmarks over populations of leads run with 10,000 leads here.
 */
final class BenchmarksSmokeTest {

  private static Set<String> listed() {
    PrintStream nowhere =
        new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
    OutputFormat silent = OutputFormatFactory.createFormatInstance(nowhere, VerboseMode.SILENT);
    Set<String> names = new TreeSet<>();
    for (BenchmarkListEntry e : BenchmarkList.defaultList().getAll(silent, List.of())) {
      names.add(e.getUsername());
    }
    return names;
  }

  @Test
  void run_everyBenchmarkOnce_eachReportsAPositiveScore() throws RunnerException {
    Set<String> listed = listed();
    assertFalse(listed.isEmpty());
    Options options =
        new OptionsBuilder()
            .include("dev\\.funnel\\.benchmarks\\..*")
            .forks(0)
            .warmupIterations(0)
            .measurementIterations(1)
            .measurementTime(TimeValue.milliseconds(100))
            // The runtime's and the timers' populations, small enough to set up in a second.
            .param("leads", "10000")
            // The PostgreSQL benchmarks: one store each and a small population of timers.
            .param("store", "postgres", "postgres-later")
            .param("timerLeads", "200")
            .shouldFailOnError(true)
            .verbosity(VerboseMode.SILENT)
            .build();

    Collection<RunResult> results = new Runner(options).run();

    Set<String> ran = new TreeSet<>();
    for (RunResult r : results) {
      ran.add(r.getParams().getBenchmark());
      assertTrue(r.getPrimaryResult().getScore() > 0, r.getParams().getBenchmark());
    }
    assertEquals(listed, ran);
  }

  @Test
  void measure_smallPopulations_reportsEveryLibraryAtEveryPoint() {
    List<Footprint.Row> rows = Footprint.measure(200, 20);

    assertEquals(12, rows.size());
    for (Footprint.Row r : rows) {
      assertTrue(r.jolBytes() > 0, r.toString());
      assertFalse(r.bytesByClass().isEmpty(), r.toString());
    }
  }
}
