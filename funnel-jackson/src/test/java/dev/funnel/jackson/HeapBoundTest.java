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
 * style, every reader, each as large as the size limit allows) is read or refused as expected with
 * no more than {@value #ROOM_MIB} MiB of heap free beside its bytes and text: each read is bounded
 * in memory, not only in time. The child fills its heap with ballast before each read but for that
 * room ({@link ReadCost#outcome}), in a JVM whose heap is all committed and whose young generation
 * is small, so that what a read may hold at its peak is the room, not whatever the heap has left. A
 * read that kept a copy of the document per level, or a tree of the whole document, would run out
 * of it. The child reads each shape from a stream, which holds the most at once (for YAML the
 * decoded text beside the bytes), and reports through a file.
 */
final class HeapBoundTest {
  /**
   * The most heap a read of any shape may hold at its peak, in MiB, as {@link FunnelFormat}
   * documents it: the costliest shape's need and a margin of at least 1 MiB. A YAML lead of 99,936
   * segments came nearest, at 8.75 MiB to 256 KiB, most of it the ids and set the lead keeps and
   * the decoded text; a YAML event refused at the token limit after 50,000 payload values needs 8
   * (ReadCost, see BENCHMARKS.md).
   */
  static final int ROOM_MIB = 10;

  @Test
  void read_everyHostileShape_fitsInASmallHeap(@TempDir Path dir)
      throws IOException, InterruptedException {
    Path report = dir.resolve("report.txt");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.add("-Xms96m");
    command.add("-Xmx96m");
    command.add("-Xmn2m");
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

  /**
   * Reads every shape in the room and writes a line for each one that was not read or refused as
   * expected.
   */
  static final class Child {
    private Child() {}

    public static void main(String[] args) throws IOException {
      Path report = Path.of(args[0]);
      StringBuilder out = new StringBuilder();
      int wrong = 0;
      int count = 0;
      for (Supplier<Shape> make : HostileDocuments.all()) {
        Shape s = make.get();
        // Out of memory is what this test is about: the shape is named, and the rest run.
        String got =
            Objects.requireNonNullElse(
                ReadCost.outcome(
                    s, s.text().getBytes(StandardCharsets.UTF_8), ROOM_MIB * 1024L * 1024L),
                "out of memory");
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
