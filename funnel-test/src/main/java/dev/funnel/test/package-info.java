/**
 * The testing kit for funnels: {@link dev.funnel.test.FunnelAssertions} for fluent assertions,
 * {@link dev.funnel.test.TestClock} for time, {@link dev.funnel.test.Scenario} for journeys that
 * run on the pure core and on a runtime, {@link dev.funnel.test.Paths} and {@link
 * dev.funnel.test.Coverage} for model-based tests, and {@link dev.funnel.test.LeadStoreContract}
 * and {@link dev.funnel.test.EagerMigrationContract} for lead store implementations. Nothing here
 * needs jqwik; its generators live in {@code dev.funnel.test.jqwik}.
 */
@NullMarked
@CheckReturnValue
package dev.funnel.test;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
