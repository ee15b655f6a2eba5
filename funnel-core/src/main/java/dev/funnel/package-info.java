/**
 * Sales funnels as data: a validated, immutable {@link dev.funnel.Funnel} definition, immutable
 * {@link dev.funnel.Lead} snapshots, and a pure transition function that turns an {@link
 * dev.funnel.Event} into an {@link dev.funnel.Outcome}. Nothing in this package does I/O, reads a
 * clock or draws random numbers.
 */
@CheckReturnValue
@NullMarked
package dev.funnel;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
