package dev.funnel.cli;

import dev.funnel.Funnel;
import dev.funnel.Problem;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code funnel validate FILE...}: reads each definition and prints every problem as {@code
 * file:line:column: CODE: message; hint}, the form editors and CI annotations read. Exits with 1 if
 * any file has a problem; warnings alone do not fail.
 */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Checks funnel definitions (JSON or YAML).",
      "Prints every problem as file:line:column: CODE: message; hint, and exits with 1 if any",
      "file has one; warnings alone do not fail."
    })
final class ValidateCommand implements Callable<Integer> {
  @SuppressWarnings("NullAway.Init") // set by picocli
  @Spec
  CommandSpec spec;

  @SuppressWarnings("NullAway.Init") // set by picocli
  @Parameters(arity = "1..*", paramLabel = "FILE", description = "definitions to check")
  List<Path> files;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    int bad = 0;
    for (Path file : files) {
      try {
        Funnel funnel = Documents.definition(file);
        for (Problem w : funnel.warnings()) {
          out.println(file + ": warning: " + w.code() + ": " + w.message() + "; " + w.hint());
        }
        out.println(
            file
                + ": ok: funnel '"
                + funnel.id()
                + "' with "
                + funnel.stages().size()
                + " stages and "
                + funnel.transitions().size()
                + " transitions");
      } catch (Documents.BadFile e) {
        bad++;
        e.lines.forEach(out::println);
      }
    }
    out.flush();
    return bad == 0 ? Exit.OK : Exit.PROBLEMS;
  }
}
