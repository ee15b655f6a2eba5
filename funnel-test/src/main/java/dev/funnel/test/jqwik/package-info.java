/**
 * jqwik generators of valid journeys through a funnel, for properties such as "every path to buyer
 * passes the tripwire". The only package of the kit that needs jqwik on the class path; the rest of
 * the kit loads without it.
 */
@NullMarked
@CheckReturnValue
package dev.funnel.test.jqwik;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
