/**
 * JSON and YAML support for funnel definitions, leads and events, built on Jackson.
 *
 * <p>Exports {@code dev.funnel.jackson}.
 */
module dev.funnel.jackson {
  requires transitive dev.funnel.core;
  requires transitive com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.dataformat.yaml;
  requires static org.jspecify;

  exports dev.funnel.jackson;
}
