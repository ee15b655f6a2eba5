package dev.funnel;

import java.lang.reflect.AnnotatedElement;
import java.util.Optional;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * Caps the tries of every jqwik property at the system property {@value #CAP}, when it is set; does
 * nothing otherwise. The mutation profile sets it, so that each of the thousands of mutants is
 * checked against a few dozen generated cases of each property rather than hundreds; the ordinary
 * test run keeps each property's own number of tries. Registered for all properties through {@code
 * META-INF/services/net.jqwik.api.lifecycle.LifecycleHook}.
 */
// Public for the service loader; the jqwik types it names need no export from this module.
@SuppressWarnings("exports")
public final class TriesCap implements AroundPropertyHook {

  /** The system property holding the most tries a property runs. */
  static final String CAP = "funnel.jqwik.maxTries";

  private static final String SEED = "20261201";

  /** Makes the hook; jqwik calls it through the service loader. */
  public TriesCap() {}

  @Override
  public boolean appliesTo(Optional<AnnotatedElement> element) {
    return true;
  }

  @Override
  public PropagationMode propagateTo() {
    return PropagationMode.ALL_DESCENDANTS;
  }

  @Override
  public PropertyExecutionResult aroundProperty(
      PropertyLifecycleContext context, PropertyExecutor property) {
    String cap = System.getProperty(CAP);
    if (cap != null) {
      int max = Integer.parseInt(cap);
      int tries = context.attributes().tries().orElse(Integer.MAX_VALUE);
      context.attributes().setTries(Math.min(tries, max));
      // The same cases for every mutant, and for the run without one: a mutant survives or is
      // killed by what it changes, not by the luck of its draw.
      if (context.attributes().seed().isEmpty()) {
        context.attributes().setSeed(SEED);
      }
    }
    return property.execute();
  }
}
