package dev.funnel.examples;

import dev.funnel.Funnel;
import dev.funnel.jackson.FunnelFormat;
import dev.funnel.jackson.Syntax;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Loads the examples' funnel definitions from the YAML files under {@code funnels/}. */
final class Definitions {
  private Definitions() {}

  /** The folder of the definitions on the class path. */
  static final String FOLDER = "/funnels/";

  /**
   * Reads the definition {@code funnels/<name>.yaml}.
   *
   * @param name the file's name without the extension, such as {@code "online-shop"}
   * @return the validated funnel
   * @throws dev.funnel.jackson.FunnelFormatException if the file is not a valid definition
   */
  static Funnel load(String name) {
    String path = FOLDER + name + ".yaml";
    try (InputStream in = Definitions.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("resource " + path + " is missing");
      }
      return FunnelFormat.readDefinition(in, Syntax.YAML);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
