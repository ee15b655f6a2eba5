package dev.funnel.jackson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.jackson.HostileDocuments.Shape;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every hostile shape of {@link HostileDocuments} (deep and wide, JSON and YAML in block and flow
 * style, every reader, each as large as the size limit allows) is read or refused as expected in a
 * JVM of its own whose heap is {@value #HEAP}: the reads are bounded in memory, not only in time. A
 * read that kept a copy of the document per level, or a tree of the whole document, would run out
 * of it. The child reads each shape from a stream, which holds the most at once (its bytes, and for
 * YAML the decoded text), and reports through a file.
 */
final class HeapBoundTest {
  /**
   * The child's heap, which also holds each shape's text and bytes while it is read (2 MiB and
   * more), and the widest read shapes of {@link HostileDocuments#widestRead} throughout (3.5 MB).
   * Every shape was read or refused as expected in 36 MiB; in 32 MiB the eight widest of 50,000
   * names or values ran out (the read leads and events, and the leads, events and migrations
   * refused at the token limit, each holding what it read up to there).
   */
  static final String HEAP = "40m";

  @Test
  void read_everyHostileShape_fitsInASmallHeap(@TempDir Path dir)
      throws IOException, InterruptedException {
    Path report = dir.resolve("report.txt");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.add("-Xmx" + HEAP);
    command.add("-XX:+UseSerialGC");
    command.add("-XX:TieredStopAtLevel=1"); // the reads are few: compiling them fully costs more
    command.add("-cp");
    command.add(classPath());
    command.add(Child.class.getName());
    command.add(report.toString());
    Process child =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("output.txt").toFile())
            .start();
    boolean ended = child.waitFor(5, TimeUnit.MINUTES);
    if (!ended) {
      child.destroyForcibly();
    }
    String output = Files.readString(dir.resolve("output.txt"), StandardCharsets.UTF_8);
    String lines =
        Files.exists(report) ? Files.readString(report, StandardCharsets.UTF_8) : "(no report)";
    assertTrue(ended, "the child did not end in 5 minutes: " + lines);
    assertEquals(0, child.exitValue(), output + lines);
    assertTrue(lines.endsWith("all " + HostileDocuments.all().size() + " shapes\n"), lines);
  }

  /**
   * The class path of this JVM, with the module path's entries: surefire puts the module's own
   * classes on the module path.
   */
  private static String classPath() {
    List<String> entries = new ArrayList<>();
    for (String property : new String[] {"jdk.module.path", "java.class.path"}) {
      String value = System.getProperty(property);
      if (value != null && !value.isEmpty()) {
        entries.add(value);
      }
    }
    return String.join(File.pathSeparator, entries);
  }

  /** Reads every shape and writes a line for each one that was not read or refused as expected. */
  static final class Child {
    private Child() {}

    public static void main(String[] args) throws IOException {
      Path report = Path.of(args[0]);
      StringBuilder out = new StringBuilder();
      int wrong = 0;
      int count = 0;
      for (Supplier<Shape> make : HostileDocuments.all()) {
        Shape s = make.get();
        String got = "read";
        try {
          Objects.requireNonNull(HostileDocumentsTest.read(s, true));
        } catch (FunnelFormatException e) {
          got = e.code().name();
        } catch (
            OutOfMemoryError e) { // what this test is about: the shape is named, and the rest run
          got = "out of memory";
        }
        count++;
        String expected = s.expected() == null ? "read" : s.expected().name();
        if (!got.equals(expected)) {
          wrong++;
          out.append(s).append(": expected ").append(expected).append(", got ").append(got);
          out.append('\n');
        }
      }
      out.append(wrong == 0 ? "all " + count + " shapes\n" : wrong + " wrong\n");
      Files.writeString(report, out, StandardCharsets.UTF_8);
      System.exit(wrong == 0 ? 0 : 1);
    }
  }
}
