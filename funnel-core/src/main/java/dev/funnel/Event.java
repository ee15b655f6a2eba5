package dev.funnel;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableMap;
import com.google.errorprone.annotations.CanIgnoreReturnValue;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Something that happened to a lead: a type (such as {@code "paid"}), a unique id, the time it
 * happened, and an optional payload that guards can read. An event may name an offer (a purchase or
 * a decline) and an amount paid; an accepted event with an amount records a {@link Purchase} on the
 * lead. A manual move carries the actor who made it and a reason. Immutable and thread-safe; {@link
 * #toString()} shows no payload values.
 */
public final class Event {
  private final String id;
  private final String type;
  private final Instant at;
  private final ImmutableMap<String, Object> payload;
  // The offer, amount, actor and reason, which most events lack, apart: EventBenchmark measured a
  // plain event at 32 B with them apart, against 48 B with a field each (see BENCHMARKS.md, "The
  // id memory appended in place").
  private final @Nullable More more;

  /** The values most events lack; at least one of them is set. */
  private record More(
      @Nullable String offer,
      @Nullable Money amount,
      @Nullable String actor,
      @Nullable String reason) {}

  private Event(
      String id,
      String type,
      Instant at,
      ImmutableMap<String, Object> payload,
      @Nullable String offer,
      @Nullable Money amount,
      @Nullable String actor,
      @Nullable String reason) {
    this.id = Ids.check(id, "event id");
    this.type = Ids.check(type, "event type");
    this.at = Bounds.check(at, "event time");
    this.payload = payload;
    checkArgument(
        amount == null || offer != null, "event '%s' has an amount but names no offer", id);
    this.more =
        offer == null && actor == null && reason == null
            ? null
            : new More(offer, amount, actor, reason);
  }

  /** Makes an event of values checked already: those of {@link #of}. */
  private Event(String id, String type, Instant at) {
    this.id = Ids.check(id, "event id");
    this.type = Ids.check(type, "event type");
    this.at = Bounds.check(at, "event time");
    this.payload = ImmutableMap.of();
    this.more = null;
  }

  /** The event type of {@link #purchase(String, Instant)}: an offer was bought. */
  public static final String PURCHASED = "purchased";

  /** The event type of {@link #decline}: an offer was turned down. */
  public static final String DECLINED = "declined";

  /**
   * Returns an event without payload.
   *
   * @param id the event's unique id
   * @param type the event type
   * @param at when it happened
   * @return the event
   */
  public static Event of(String id, String type, Instant at) {
    // Built directly, not through a builder: EventBenchmark measured 48 B beyond the id string
    // (104 B against the id's 56 B), against 152 B through a builder; 32 B since the rarer values
    // went apart.
    return new Event(id, type, at);
  }

  /**
   * Starts an event that records a purchase: of type {@value #PURCHASED} unless {@linkplain
   * Builder#type changed}, and {@linkplain Builder#build built} only once it names the {@linkplain
   * Builder#offer offer} bought and the {@linkplain Builder#amount amount} paid. Each is named by
   * its own method, so they cannot be swapped:
   *
   * <pre>{@code
   * Event.purchase("order-77", at).type("paid").offer("mini-set").amount(price).build()
   * }</pre>
   *
   * @param id the event's unique id
   * @param at when it happened
   * @return a builder that requires the offer and the amount
   */
  public static Builder purchase(String id, Instant at) {
    Builder b = new Builder(requireNonNull(id, "id"), PURCHASED, requireNonNull(at, "at"));
    b.purchase = true;
    return b;
  }

  /**
   * Returns an event of type {@value #DECLINED}: the lead turned an offer down.
   *
   * @param id the event's unique id
   * @param offer the id of the offer declined
   * @param at when it happened
   * @return the event
   */
  public static Event decline(String id, String offer, Instant at) {
    return builder(id, DECLINED, at).offer(offer).build();
  }

  /**
   * Starts an event.
   *
   * @param id the event's unique id
   * @param type the event type
   * @param at when it happened
   * @return a builder
   */
  public static Builder builder(String id, String type, Instant at) {
    return new Builder(id, type, at);
  }

  /**
   * Returns a builder initialised with this event's values.
   *
   * @return a builder initialised with this event's values
   */
  public Builder toBuilder() {
    Builder b = new Builder(id, type, at);
    b.copy(payload);
    More m = more;
    if (m != null) {
      b.offer = m.offer();
      b.amount = m.amount();
      b.actor = m.actor();
      b.reason = m.reason();
    }
    return b;
  }

  /**
   * Returns the event's unique id.
   *
   * @return the event's unique id
   */
  public String id() {
    return id;
  }

  /**
   * Returns the event type.
   *
   * @return the event type
   */
  public String type() {
    return type;
  }

  /**
   * Returns when the event happened.
   *
   * @return when the event happened
   */
  public Instant at() {
    return at;
  }

  /**
   * Returns the payload: values guards can read with {@link Conditions#payload}.
   *
   * @return the payload: values guards can read with {@link Conditions#payload}
   */
  public ImmutableMap<String, Object> payload() {
    return payload;
  }

  /**
   * Returns the offer the event names, if any.
   *
   * @return the offer the event names, if any
   */
  public Optional<String> offer() {
    return Optional.ofNullable(offerOrNull());
  }

  /**
   * Returns the amount paid, if the event records a purchase.
   *
   * @return the amount paid, if the event records a purchase
   */
  public Optional<Money> amount() {
    return Optional.ofNullable(amountOrNull());
  }

  /**
   * Returns who made a manual move, if anyone.
   *
   * @return who made a manual move, if anyone
   */
  public Optional<String> actor() {
    More m = more;
    return Optional.ofNullable(m == null ? null : m.actor());
  }

  /**
   * Returns the reason given for a manual move or a rejection, if any.
   *
   * @return the reason given for a manual move or a rejection, if any
   */
  public Optional<String> reason() {
    More m = more;
    return Optional.ofNullable(m == null ? null : m.reason());
  }

  @Nullable String offerOrNull() {
    More m = more;
    return m == null ? null : m.offer();
  }

  @Nullable Money amountOrNull() {
    More m = more;
    return m == null ? null : m.amount();
  }

  /**
   * Returns whether the event carries an amount. Firing asks this rather than {@link
   * #amountOrNull}, which the JIT does not inline until some event with an amount has been seen.
   */
  boolean hasAmount() {
    More m = more;
    return m != null && m.amount() != null;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Event e)) {
      return false;
    }

    return id.equals(e.id)
        && type.equals(e.type)
        && at.equals(e.at)
        && payload.equals(e.payload)
        && java.util.Objects.equals(more, e.more);
  }

  @Override
  public int hashCode() {
    More m = more;
    return m == null
        ? java.util.Objects.hash(id, type, at, payload, null, null, null, null)
        : java.util.Objects.hash(
            id, type, at, payload, m.offer(), m.amount(), m.actor(), m.reason());
  }

  /**
   * Returns the id, type, time and payload names; never payload values.
   *
   * @return the id, type, time and payload names; never payload values
   */
  @Override
  public String toString() {
    return "Event{id="
        + id
        + ", type="
        + type
        + ", at="
        + at
        + (offerOrNull() == null ? "" : ", offer=" + offerOrNull())
        + (payload.isEmpty() ? "" : ", payload=" + payload.keySet())
        + "}";
  }

  /**
   * Builds an {@link Event}. Each single value is set at most once (the type given to {@link
   * Event#builder} and the values {@link Event#toBuilder} copies may each be changed once), and
   * each payload name is given at most once. Not thread-safe.
   */
  public static final class Builder {
    // Bits of the single values set on this builder, as opposed to given to or copied into it.
    private static final int TYPE = 1;
    private static final int OFFER = 2;
    private static final int AMOUNT = 4;
    private static final int ACTOR = 8;
    private static final int REASON = 16;
    private static final int SCAN = 8;

    private final String id;
    private String type;
    private final Instant at;
    private int set;
    // The payload in order: the first value in fields of its own, the others in parallel arrays.
    // EventBenchmark measured 192 B beyond the id for one value with every value in the arrays,
    // against 424 B with a LinkedHashMap and two HashSets; with the first value in fields the
    // builder of an event with one value allocates nothing the event does not keep (see
    // BENCHMARKS.md, "The id memory appended in place"). The first `copied` names came from
    // Event#toBuilder and may each be replaced once (`replaced`); the others were given to this
    // builder, and a name given twice is a mistake. A payload of a few names is searched by a scan;
    // past SCAN names by a map, so a payload of many stays linear to build.
    private @Nullable String firstName;
    private @Nullable Object firstValue;
    private String @Nullable [] names;
    private Object @Nullable [] values;
    private int size;
    private int copied;
    private boolean @Nullable [] replaced;
    private @Nullable Map<String, Integer> index;
    // A whole payload given at once to an empty builder, kept as it is until anything else is
    // given: a reader's payload of 50,000 values was held in the arrays, the index and the event's
    // map at once, 3 MiB beside the map (ReadCost, see BENCHMARKS.md).
    private @Nullable ImmutableMap<String, Object> whole;
    // Made by Event.purchase: the offer and the amount are required.
    private boolean purchase;
    private @Nullable String offer;
    private @Nullable Money amount;
    private @Nullable String actor;
    private @Nullable String reason;

    private Builder(String id, String type, Instant at) {
      this.id = requireNonNull(id, "id");
      this.type = requireNonNull(type, "type");
      this.at = requireNonNull(at, "at");
    }

    /** Copies an event's payload in, each name replaceable once. */
    private void copy(ImmutableMap<String, Object> payload) {
      int n = payload.size();
      if (n == 0) {
        return;
      }
      for (Map.Entry<String, Object> e : payload.entrySet()) {
        add(e.getKey(), e.getValue());
      }
      copied = n;
      replaced = new boolean[n];
    }

    /** Returns the name of the payload value at {@code i}, less than {@link #size}. */
    private String name(int i) {
      return i == 0 ? requireNonNull(firstName) : requireNonNull(names)[i - 1];
    }

    /** Returns the payload value at {@code i}, less than {@link #size}. */
    private Object value(int i) {
      return i == 0 ? requireNonNull(firstValue) : requireNonNull(values)[i - 1];
    }

    /** Records a single value set on this builder; false if it was set on it already. */
    private boolean first(int option) {
      boolean first = (set & option) == 0;
      set |= option;
      return first;
    }

    /**
     * Sets the event type.
     *
     * @param type the event type
     * @return this builder
     * @throws IllegalStateException if it was already set on this builder
     */
    @CanIgnoreReturnValue
    public Builder type(String type) {
      String checked = Ids.check(type, "event type");
      checkState(first(TYPE), "event type was already set to '%s'", this.type);
      this.type = checked;
      return this;
    }

    /**
     * Adds a payload value.
     *
     * @param name the value's name, at most {@value Lead#MAX_ATTRIBUTE_NAME_LENGTH} characters (the
     *     longest name the funnel format reads)
     * @param value a string, boolean or number
     * @return this builder
     * @throws IllegalArgumentException if the name is not a valid id or is too long, or the value
     *     has an unsupported type
     * @throws IllegalStateException if it was already set on this builder
     */
    @CanIgnoreReturnValue
    public Builder payload(String name, Object value) {
      Object normal = Values.normalize(value, Ids.checkName(name, "payload name"));
      spill();
      int i = indexOf(name);
      if (i < 0) {
        add(name, normal);
        return this;
      }
      boolean[] r = replaced;
      // Payload values may be personal data, so only the name is quoted.
      if (r == null || i >= copied || r[i]) {
        throw new IllegalStateException("payload value '" + name + "' was already set");
      }
      r[i] = true;
      if (i == 0) {
        firstValue = normal;
      } else {
        requireNonNull(values)[i - 1] = normal;
      }
      return this;
    }

    private int indexOf(String name) {
      Map<String, Integer> byName = index;
      if (byName != null) {
        Integer i = byName.get(name);
        return i == null ? -1 : i;
      }
      for (int i = 0; i < size; i++) {
        if (name(i).equals(name)) {
          return i;
        }
      }
      return -1;
    }

    private void add(String name, Object value) {
      if (size == 0) {
        firstName = name;
        firstValue = value;
        size = 1;
        return;
      }
      String[] n = names;
      Object[] v = values;
      if (n == null || v == null) {
        n = new String[2];
        v = new Object[2];
      } else if (size - 1 == n.length) {
        n = Arrays.copyOf(n, 2 * n.length);
        v = Arrays.copyOf(v, 2 * v.length);
      }
      n[size - 1] = name;
      v[size - 1] = value;
      names = n;
      values = v;
      size++;
      Map<String, Integer> byName = index;
      if (byName != null) {
        byName.put(name, size - 1);
      } else if (size > SCAN) {
        byName = new HashMap<>();
        for (int i = 0; i < size; i++) {
          byName.put(name(i), i);
        }
        index = byName;
      }
    }

    /**
     * Moves a whole payload kept as it was given into the arrays, before anything else is added.
     */
    private void spill() {
      ImmutableMap<String, Object> w = whole;
      if (w != null) {
        whole = null;
        w.forEach(this::add);
      }
    }

    /** Returns the payload, whose names and values were checked as they were given. */
    private ImmutableMap<String, Object> payload() {
      ImmutableMap<String, Object> w = whole;
      if (w != null) {
        return w;
      }
      if (size == 0) {
        return ImmutableMap.of();
      }
      if (size == 1) {
        return ImmutableMap.of(name(0), value(0));
      }
      ImmutableMap.Builder<String, Object> b = ImmutableMap.builderWithExpectedSize(size);
      for (int i = 0; i < size; i++) {
        b.put(name(i), value(i));
      }
      return b.buildOrThrow();
    }

    /**
     * Adds payload values, as {@link #payload(String, Object)} does each in turn. An {@link
     * ImmutableMap} of valid names and of strings, booleans and longs given to a builder without
     * payload values is kept as it is, not copied.
     *
     * @param values names and values
     * @return this builder
     * @throws IllegalStateException if a name was already set on this builder
     */
    @CanIgnoreReturnValue
    public Builder payload(Map<String, ?> values) {
      requireNonNull(values, "values");
      if (size == 0 && whole == null && values instanceof ImmutableMap<String, ?> map) {
        ImmutableMap<String, Object> kept = Values.keptAsIs(map);
        if (kept != null) {
          whole = kept.isEmpty() ? null : kept;
          return this;
        }
      }
      values.forEach(this::payload);
      return this;
    }

    /**
     * Names the offer the event is about.
     *
     * @param offer the offer's id
     * @return this builder
     * @throws IllegalStateException if it was already set on this builder
     */
    @CanIgnoreReturnValue
    public Builder offer(String offer) {
      String id = Ids.check(offer, "offer id");
      checkState(first(OFFER), "offer was already set to '%s'", this.offer);
      this.offer = id;
      return this;
    }

    /**
     * Sets the amount paid; the event then records a purchase of its offer.
     *
     * @param amount the amount
     * @return this builder
     * @throws IllegalStateException if it was already set on this builder
     */
    @CanIgnoreReturnValue
    public Builder amount(Money amount) {
      requireNonNull(amount, "amount");
      checkState(first(AMOUNT), "amount was already set to %s", this.amount);
      this.amount = amount;
      return this;
    }

    /**
     * Sets who made a manual move.
     *
     * @param actor the actor's id
     * @return this builder
     * @throws IllegalStateException if it was already set on this builder
     */
    @CanIgnoreReturnValue
    public Builder actor(String actor) {
      String id = Ids.check(actor, "actor");
      checkState(first(ACTOR), "actor was already set to '%s'", this.actor);
      this.actor = id;
      return this;
    }

    /**
     * Sets the reason for a manual move or a rejection.
     *
     * @param reason a reason code or short text
     * @return this builder
     * @throws IllegalStateException if it was already set on this builder
     */
    @CanIgnoreReturnValue
    public Builder reason(String reason) {
      requireNonNull(reason, "reason");
      // A reason may be free text, so it is not quoted.
      checkState(first(REASON), "reason was already set");
      this.reason = reason;
      return this;
    }

    /**
     * Returns the event.
     *
     * @return the event
     * @throws IllegalArgumentException if an id is blank or an amount is given without an offer
     * @throws IllegalStateException if a builder made by {@link Event#purchase} lacks the offer or
     *     the amount
     */
    public Event build() {
      checkState(
          !purchase || (offer != null && amount != null),
          "purchase event '%s' needs the offer bought and the amount paid",
          id);
      return new Event(id, type, at, payload(), offer, amount, actor, reason);
    }
  }
}
