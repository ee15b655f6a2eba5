/**
 * A testing kit for funnels: jqwik generators of valid funnel definitions, leads, event sequences
 * and whole scenarios, and a driver that plays a scenario step by step. Shipped in funnel-core's
 * test jar so the tests of other modules can use it.
 */
@CheckReturnValue
@NullMarked
package dev.funnel.testing;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
