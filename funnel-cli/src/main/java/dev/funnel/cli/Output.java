package dev.funnel.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** Where a command's result goes: the file named by {@code -o}, or the standard output. */
final class Output {
  private Output() {}

  /** Writes the text to the file, or to {@code out} when there is none; returns the exit code. */
  static int write(String text, @Nullable Path file, PrintWriter out, PrintWriter err) {
    if (file == null) {
      out.print(text);
      if (!text.endsWith("\n")) {
        out.println();
      }
      out.flush();
      return Exit.OK;
    }
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
      return Exit.OK;
    } catch (IOException e) {
      err.println(file + ": cannot write: " + e.getClass().getSimpleName());
      err.flush();
      return Exit.PROBLEMS;
    }
  }
}
