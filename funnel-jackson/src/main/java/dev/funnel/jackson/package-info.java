/** JSON and YAML support for funnel definitions, leads and events. */
@CheckReturnValue
@NullMarked
package dev.funnel.jackson;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
