/**
 * The {@code funnel} command line: {@code validate}, {@code draw}, {@code report} and {@code
 * simulate}, over the files of the funnel format. Run as {@code java -jar funnel.jar}.
 */
@NullMarked
package dev.funnel.cli;

import org.jspecify.annotations.NullMarked;
