package dev.funnel.jackson;

/**
 * Placeholder that keeps the exported package non-empty: javac and javadoc both need a public type
 * in it. Delete it when the real classes land.
 */
public final class PackageMarker {
  private PackageMarker() {}
}
