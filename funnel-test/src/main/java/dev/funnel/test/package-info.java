/**
 * The testing kit for funnels: {@link dev.funnel.test.LeadStoreContract} for lead store
 * implementations.
 */
@NullMarked
@CheckReturnValue
package dev.funnel.test;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
