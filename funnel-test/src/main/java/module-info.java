/**
 * The funnel testing kit: fluent assertions on outcomes, leads, receipts, steps and reports, a test
 * clock, scenarios that run on the pure core and on a runtime, shortest paths and coverage, and the
 * contract every lead store proves.
 *
 * <p>Start at {@link dev.funnel.test.FunnelAssertions} and {@link dev.funnel.test.Scenario}; lead
 * store implementations at {@link dev.funnel.test.LeadStoreContract}. The generators of {@code
 * dev.funnel.test.jqwik} need jqwik, which this module requires only statically.
 */
module dev.funnel.test {
  requires transitive dev.funnel.core;
  requires transitive org.assertj.core;
  requires transitive org.junit.jupiter.api;
  requires static net.jqwik.api;

  exports dev.funnel.test;
  exports dev.funnel.test.jqwik;
}
