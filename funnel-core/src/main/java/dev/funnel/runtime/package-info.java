/**
 * The runtime around the pure core: {@link dev.funnel.runtime.FunnelRuntime} loads leads from a
 * {@link dev.funnel.runtime.LeadStore}, fires events and due timers, stores the next snapshot with
 * compare-and-set together with the effects it produced (an outbox), and hands those effects to
 * {@link dev.funnel.runtime.ActionHandler}s at least once. This is the one part of the library that
 * is mutable and does I/O.
 */
@CheckReturnValue
@NullMarked
package dev.funnel.runtime;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
