/**
 * Pictures of funnels: the definition as a Mermaid state diagram or a Graphviz DOT graph, the same
 * annotated with the counts of a {@link dev.funnel.analytics.Report}, and a report as a funnel
 * chart in SVG. Everything is plain text built in memory; nothing is rendered or written here.
 * Start at {@link dev.funnel.diagram.Diagram} and {@link dev.funnel.diagram.FunnelChart}.
 */
@CheckReturnValue
@NullMarked
package dev.funnel.diagram;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
