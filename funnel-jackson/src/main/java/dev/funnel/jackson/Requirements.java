package dev.funnel.jackson;

import com.fasterxml.jackson.core.Version;

/**
 * Checks once, when the format is first used, that the Jackson on the class path is new enough, so
 * that an older one fails at once with the version needed instead of a {@link NoSuchMethodError} in
 * the format's set-up.
 */
final class Requirements {
  /**
   * The oldest Jackson the format works with: the first whose YAML parser hands each of SnakeYAML's
   * events through {@code YAMLParser.getEvent()}, where {@link YamlGuard} refuses anchors, aliases
   * and tags (on 2.17 the guard would never be called). Its {@code StreamReadConstraints}, which
   * limit a document's length and its names' length, came in 2.16.
   */
  static final Version JACKSON = new Version(2, 18, 0, null, "com.fasterxml.jackson", "jackson");

  static {
    require("jackson-core", com.fasterxml.jackson.core.json.PackageVersion.VERSION, JACKSON);
    require("jackson-databind", com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION, JACKSON);
    require(
        "jackson-dataformat-yaml",
        com.fasterxml.jackson.dataformat.yaml.PackageVersion.VERSION,
        JACKSON);
  }

  private Requirements() {}

  /** Does nothing itself: the first call runs the check. */
  static void check() {}

  /**
   * Fails unless a Jackson artifact is at least the version needed.
   *
   * @throws IllegalStateException naming the artifact, the version needed and the one found
   */
  static void require(String artifact, Version found, Version needed) {
    if (found.getMajorVersion() != needed.getMajorVersion()
        || found.getMinorVersion() < needed.getMinorVersion()) {
      throw new IllegalStateException(
          String.format(
              "funnel-jackson needs %s %d.%d or newer (and older than %d.0), but found %s",
              artifact,
              needed.getMajorVersion(),
              needed.getMinorVersion(),
              needed.getMajorVersion() + 1,
              found.toFullString()));
    }
  }
}
