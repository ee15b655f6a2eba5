package dev.funnel.jackson;

import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.core.Versioned;
import com.fasterxml.jackson.core.util.VersionUtil;

/**
 * The version of funnel-jackson, generated from the Maven project version at build time, as in
 * Jackson's own modules. {@link FunnelModule#version()} reports it. Immutable and thread-safe.
 */
public final class PackageVersion implements Versioned {
  /** The version of this module. */
  public static final Version VERSION =
      VersionUtil.parseVersion("${project.version}", "${project.groupId}", "${project.artifactId}");

  /** Creates the holder; Jackson's version lookup instantiates it by reflection. */
  public PackageVersion() {}

  /**
   * Returns {@link #VERSION}.
   *
   * @return {@link #VERSION}
   */
  @Override
  public Version version() {
    return VERSION;
  }
}
