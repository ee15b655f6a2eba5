/**
 * The funnel testing kit: fluent assertions on outcomes, leads, receipts, steps and reports, a test
 * clock, scenarios that run on the pure core and on a runtime, shortest paths and coverage, and the
 * contract every lead store proves.
 *
 * <p>Lead store implementations start at {@link dev.funnel.test.LeadStoreContract}.
 */
module dev.funnel.test {
  requires transitive dev.funnel.core;
  requires transitive org.assertj.core;
  requires transitive org.junit.jupiter.api;
  requires static net.jqwik.api;

  exports dev.funnel.test;
}
