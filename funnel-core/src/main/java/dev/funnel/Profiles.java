package dev.funnel;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Applies the built-in actions that change what is known about a lead, and purchases. */
final class Profiles {
  private Profiles() {}

  /** Returns whether the action changes the profile, as {@link BuiltInAction} declares. */
  static boolean changesProfile(Action a) {
    return a.builtIn().map(BuiltInAction::changesProfile).orElse(false);
  }

  static Profile apply(Profile p, ImmutableList<Action> actions, Event event) {
    String owner = p.owner;
    ImmutableMap<String, Object> attributes = p.attributes;
    ImmutableSet<String> segments = p.segments;
    ImmutableList<Purchase> purchases = p.purchases;
    for (Action a : actions) {
      BuiltInAction kind = BuiltInAction.named(a.name()).orElse(null);
      if (kind == null || !kind.changesProfile()) {
        continue;
      }
      switch (kind) {
        case ASSIGN -> {
          Object fixed = a.params().get("owner");
          if (fixed != null) {
            owner = fixed.toString();
          }
        }
        case SET -> attributes = with(attributes, param(a, "attribute"), a.params().get("value"));
        case REMOVE -> attributes = with(attributes, param(a, "attribute"), null);
        case SEGMENT -> {
          String segment = param(a, "segment");
          if (!segments.contains(segment)) {
            segments = ImmutableSet.<String>builder().addAll(segments).add(segment).build();
          }
        }
        default -> {}
      }
    }
    Money amount = event.amountOrNull();
    String offer = event.offerOrNull();
    if (amount != null && offer != null) {
      purchases =
          ImmutableList.<Purchase>builder()
              .addAll(purchases)
              .add(new Purchase(offer, amount, event.at(), event.id()))
              .build();
    }
    return p.with(owner, attributes, segments, purchases);
  }

  private static String param(Action a, String key) {
    return String.valueOf(a.params().get(key));
  }

  private static ImmutableMap<String, Object> with(
      ImmutableMap<String, Object> attributes, String name, @Nullable Object value) {
    Map<String, Object> copy = new LinkedHashMap<>(attributes);
    if (value == null) {
      copy.remove(name);
    } else {
      copy.put(name, value);
    }
    return ImmutableMap.copyOf(copy);
  }
}
