/**
 * The funnel core: definitions, leads, the pure transition function and validation.
 *
 * <p>Start at {@link dev.funnel.Funnel#builder(String)}.
 */
module dev.funnel.core {
  requires transitive com.google.common;
  requires static transitive com.google.errorprone.annotations;
  requires static transitive org.jspecify;
  requires org.slf4j;

  exports dev.funnel;
  exports dev.funnel.analytics;
  exports dev.funnel.diagram;
  exports dev.funnel.migration;
  exports dev.funnel.runtime;
  exports dev.funnel.simulation;
}
