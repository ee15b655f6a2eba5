package dev.funnel.cli;

import picocli.CommandLine.IVersionProvider;

/** Tells the version from the jar's manifest. */
final class Version implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = Version.class.getPackage().getImplementationVersion();
    return new String[] {"funnel " + (v == null ? "(development build)" : v)};
  }
}
