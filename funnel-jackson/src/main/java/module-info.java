/**
 * JSON and YAML support for funnel definitions, leads, events and outcomes, built on Jackson.
 *
 * <p>Exports {@code dev.funnel.jackson} and provides {@link dev.funnel.jackson.FunnelModule} as a
 * Jackson module, so {@code ObjectMapper.findAndRegisterModules()} finds it.
 */
module dev.funnel.jackson {
  requires transitive dev.funnel.core;
  requires transitive com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.dataformat.yaml;
  requires org.yaml.snakeyaml;
  requires static transitive org.jspecify;
  requires static transitive com.google.errorprone.annotations;

  exports dev.funnel.jackson;

  provides com.fasterxml.jackson.databind.Module with
      dev.funnel.jackson.FunnelModule;
}
