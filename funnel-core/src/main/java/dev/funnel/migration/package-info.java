/**
 * Changing a live funnel: a {@link dev.funnel.migration.Migration} moves leads pinned to one
 * version of a funnel onto the next (stage moves and a policy per pending timer), validated against
 * both definitions and applied by a pure function like {@link dev.funnel.Funnel#fire}; a {@link
 * dev.funnel.migration.Replay} re-runs a {@link dev.funnel.migration.Journal} of recorded events
 * against a candidate definition and reports, per lead and per figure, what would differ.
 */
@CheckReturnValue
@NullMarked
package dev.funnel.migration;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
