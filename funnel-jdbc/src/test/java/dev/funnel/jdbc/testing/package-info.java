/**
 * Test utilities for code that talks to a database through a store: a data source that counts the
 * round trips sent through it. Shipped in funnel-jdbc's test jar, so that the benchmarks count the
 * same way the tests do.
 */
@CheckReturnValue
@NullMarked
package dev.funnel.jdbc.testing;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
