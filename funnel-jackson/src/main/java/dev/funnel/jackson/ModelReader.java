package dev.funnel.jackson;

import com.fasterxml.jackson.core.JsonLocation;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import dev.funnel.Action;
import dev.funnel.Condition;
import dev.funnel.Effect;
import dev.funnel.Exit;
import dev.funnel.Experiment;
import dev.funnel.FrequencyCap;
import dev.funnel.Funnel;
import dev.funnel.FunnelBuilder;
import dev.funnel.FunnelDefinitionException;
import dev.funnel.Goal;
import dev.funnel.Ids;
import dev.funnel.Money;
import dev.funnel.Offer;
import dev.funnel.QuietHours;
import dev.funnel.ReEntry;
import dev.funnel.ScheduledTimer;
import dev.funnel.Scoring;
import dev.funnel.Stage;
import dev.funnel.StageBuilder;
import dev.funnel.Timer;
import dev.funnel.Transition;
import dev.funnel.TransitionBuilder;
import dev.funnel.jackson.FunnelFormatException.Code;
import dev.funnel.jackson.Input.Fields;
import dev.funnel.jackson.Input.Mark;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads the model from an {@link Input}, one value at a time, starting at the value's first token
 * and ending at its last. Every object's properties are listed explicitly: anything else is
 * refused.
 */
final class ModelReader {
  private ModelReader() {}

  private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");
  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

  /** Reads one element of an array at the current token. */
  interface Item<T> {
    T read(Input in) throws IOException;
  }

  /** Advances to an array and reads its elements. */
  static <T> ImmutableList<T> list(Input in, Item<T> item) throws IOException {
    in.next();
    return elements(in, item);
  }

  /** Reads the elements of the array at the current token. */
  static <T> ImmutableList<T> elements(Input in, Item<T> item) throws IOException {
    in.array();
    ImmutableList.Builder<T> out = ImmutableList.builder();
    while (in.element()) {
      out.add(item.read(in));
    }
    return out.build();
  }

  /** How many ids {@link #idSet} compares one by one before it keeps them in a hash set. */
  private static final int LINEAR_IDS = 8;

  /** Reads a non-empty array of distinct ids. */
  static ImmutableSet<String> idSet(Input in) throws IOException {
    in.next();
    JsonLocation start = in.location();
    in.array();
    List<String> ids = new ArrayList<>(4);
    Set<String> many = null;
    while (in.element()) {
      String id = in.id();
      boolean repeated;
      if (many != null) {
        repeated = !many.add(id);
      } else {
        repeated = ids.contains(id);
        if (!repeated && ids.size() == LINEAR_IDS) {
          many = new HashSet<>(ids);
          many.add(id);
        }
      }
      if (repeated) {
        throw in.error(Code.INVALID_VALUE, "id listed twice");
      }
      ids.add(id);
    }
    if (ids.isEmpty()) {
      // At the array's end the parser's pointer is the array's own.
      throw Input.at(Code.INVALID_VALUE, "expected at least one id", in.pointer(), start);
    }
    return ImmutableSet.copyOf(ids);
  }

  /** Reads an object of scalars keyed by ids: attributes, payloads, parameters. */
  static Scalars scalars(Input in) throws IOException {
    Fields f = in.readNames();
    Scalars out = new Scalars();
    while (f.next()) {
      String key = f.name();
      if (!Ids.isValid(key)) {
        throw in.error(Code.INVALID_VALUE, Input.ID_RULE.replace("an id", "a name"));
      }
      out.add(key, in.readScalar());
    }
    return out; // the keys are distinct: Fields refuses repeated ones
  }

  /**
   * The names and values of an object of scalars in their order, as read: two arrays rather than a
   * map, so that the one map made of them is the one the value keeps (a lead's attributes, an
   * event's payload), sized exactly. Reading a lead of 50,000 attributes into an {@link
   * ImmutableMap} first and then into the lead's builder took a third of the bytes the read
   * allocated, and all of them were held until the read ended (JFR allocation samples of {@code
   * ReadLoop}, see BENCHMARKS.md).
   */
  static final class Scalars {
    private String[] names = new String[4];
    private Object[] values = new Object[4];
    private int size;

    private void add(String name, Object value) {
      if (size == names.length) {
        names = Arrays.copyOf(names, 2 * size);
        values = Arrays.copyOf(values, 2 * size);
      }
      names[size] = name;
      values[size] = value;
      size++;
    }

    /**
     * Returns the names and values as a map, in order and as read, and lets go of the arrays: the
     * map is given to a builder that keeps it as it is (a lead's attributes, an event's payload),
     * so that 50,000 values are held in that map only.
     */
    ImmutableMap<String, Object> take() {
      ImmutableMap.Builder<String, Object> out = ImmutableMap.builderWithExpectedSize(size);
      for (int i = 0; i < size; i++) {
        out.put(names[i], values[i]);
      }
      names = new String[0];
      values = new Object[0];
      size = 0;
      return out.buildOrThrow();
    }

    /**
     * Returns the names and values as a map, in order, a decimal of no fraction digits (such as
     * {@code 1E0}, {@code 1E+2} or YAML's {@code 1.}) as the whole number it equals, a {@link Long}
     * where it fits: written back it has no decimal point, so it is read back as a whole number. A
     * journal's arrival keeps its attributes as they are given, so it read back as another value (a
     * finding of JournalFuzzTest, kept among its inputs); a lead's and an event's builders make
     * such a decimal a whole number themselves.
     */
    ImmutableMap<String, Object> toMap() {
      ImmutableMap.Builder<String, Object> out = ImmutableMap.builderWithExpectedSize(size);
      for (int i = 0; i < size; i++) {
        Object v = values[i];
        out.put(names[i], v instanceof BigDecimal d && d.scale() <= 0 ? whole(d) : v);
      }
      return out.buildOrThrow();
    }

    private static Object whole(BigDecimal d) {
      if (d.compareTo(LONG_MIN) >= 0 && d.compareTo(LONG_MAX) <= 0) {
        return d.longValue();
      }
      return d;
    }

    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);
  }

  /** Reads the format version and refuses any other than the current one. */
  static void format(Input in) throws IOException {
    in.next();
    formatValue(in);
  }

  /** Checks the format version at the current token. */
  static void formatValue(Input in) throws IOException {
    long v = in.whole();
    if (v != FunnelFormat.FORMAT_VERSION) {
      throw in.error(
          Code.UNSUPPORTED_FORMAT,
          "unsupported format version; this library reads format " + FunnelFormat.FORMAT_VERSION);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Definitions

  /** The parts of a definition as read, before validation. */
  static final class Parts {
    final List<Stage> stages = new ArrayList<>();
    final List<Offer> offers = new ArrayList<>();
    final List<Transition> transitions = new ArrayList<>();
    final List<Timer> timers = new ArrayList<>();
    ControlsFormat.Contact contact = new ControlsFormat.Contact();
    final List<Experiment> experiments = new ArrayList<>();
    final List<String> currencies = new ArrayList<>();
    final List<Goal> goals = new ArrayList<>();
    final List<Exit> exits = new ArrayList<>();
    @Nullable ReEntry reEntry;
    @Nullable Scoring scoring;
    final List<JourneyFormat.Wait> waits = new ArrayList<>();
  }

  static Funnel funnel(Input in) throws IOException {
    Fields f = in.object();
    String id = null;
    int version = 1;
    Parts parts = new Parts();
    boolean format = false;
    boolean stages = false;
    while (f.next()) {
      switch (f.name()) {
        case "format" -> {
          format(in);
          format = true;
        }
        case "id" -> id = in.readId();
        case "version" -> {
          version = in.readInt();
          if (version < 1) {
            throw in.error(Code.INVALID_VALUE, "version must be positive");
          }
        }
        case "stages" -> {
          parts.stages.addAll(list(in, ModelReader::stage));
          stages = true;
        }
        case "offers" -> parts.offers.addAll(list(in, ModelReader::offer));
        case "currencies" -> parts.currencies.addAll(currencies(in));
        case "transitions" -> parts.transitions.addAll(list(in, ModelReader::transition));
        case "timers" -> parts.timers.addAll(list(in, ModelReader::timer));
        case "contact" -> parts.contact = ControlsFormat.contact(in);
        case "experiments" -> parts.experiments.addAll(list(in, ControlsFormat::experiment));
        case "goals" -> parts.goals.addAll(JourneyFormat.goals(in));
        case "exits" -> parts.exits.addAll(JourneyFormat.exits(in));
        case "reEntry" -> parts.reEntry = JourneyFormat.reEntry(in);
        case "scoring" -> parts.scoring = JourneyFormat.scoring(in);
        case "waits" -> parts.waits.addAll(JourneyFormat.waits(in));
        default -> throw f.unknown();
      }
    }
    if (!format) {
      throw f.missing("format");
    }
    id = f.required(id, "id");
    if (!stages) {
      throw f.missing("stages");
    }
    FunnelBuilder b = Funnel.builder(id).version(version);
    for (Stage s : parts.stages) {
      StageBuilder sb = b.stage(s.id());
      if (s.entry()) {
        sb.entry();
      }
      if (s.manual()) {
        sb.manual();
      }
      if (s.converts()) {
        sb.converts();
      }
      sb.onEnter(s.onEnter().toArray(new Action[0]));
      switch (s.kind()) {
        case WON -> sb.won();
        case LOST -> sb.lost();
        case JUNK -> sb.junk(requireReason(s));
        default -> {}
      }
    }
    for (Offer o : parts.offers) {
      b = b.offer(o);
    }
    for (String code : parts.currencies) {
      b = b.currency(code);
    }
    for (Transition t : parts.transitions) {
      TransitionBuilder tb = b.on(t.event());
      if (t.isFromAny()) {
        tb.fromAny();
      } else {
        for (String from : t.from()) {
          tb.from(from);
        }
      }
      String to = t.to();
      if (to != null) {
        tb.to(to);
      }
      tb.when(t.guard()).then(t.actions().toArray(new Action[0])).priority(t.priority());
    }
    for (Timer t : parts.timers) {
      b.after(t.after()).in(t.stage()).fire(t.event());
    }
    b = controls(b, parts);
    b =
        JourneyFormat.declare(
            b, parts.goals, parts.exits, parts.reEntry, parts.scoring, parts.waits);
    try {
      return b.build();
    } catch (FunnelDefinitionException e) {
      throw Locator.invalid(e, parts, in::location);
    }
  }

  private static FunnelBuilder controls(FunnelBuilder builder, Parts parts) {
    FunnelBuilder b = builder;
    ZoneId zone = parts.contact.zone;
    if (zone != null) {
      b = b.timeZone(zone);
    }
    QuietHours quiet = parts.contact.quietHours;
    if (quiet != null) {
      b = b.quietHours(quiet);
    }
    for (FrequencyCap c : parts.contact.caps) {
      b = b.cap(c);
    }
    for (Experiment e : parts.experiments) {
      b = b.experiment(e);
    }
    return b;
  }

  private static String requireReason(Stage s) {
    String reason = s.reason();
    if (reason == null) {
      throw new IllegalStateException("junk stage without a reason");
    }
    return reason;
  }

  static Stage stage(Input in) throws IOException {
    Fields f = in.object();
    String id = null;
    Stage.Kind kind = Stage.Kind.ACTIVE;
    boolean entry = false;
    boolean manual = false;
    boolean converts = false;
    String reason = null;
    ImmutableList<Action> onEnter = ImmutableList.of();
    while (f.next()) {
      switch (f.name()) {
        case "id" -> id = in.readId();
        case "kind" -> kind = in.readConstant(Stage.Kind.class);
        case "entry" -> entry = in.readBool();
        case "manual" -> manual = in.readBool();
        case "converts" -> converts = in.readBool();
        case "reason" -> reason = in.readId();
        case "onEnter" -> onEnter = list(in, ModelReader::action);
        default -> throw f.unknown();
      }
    }
    id = f.required(id, "id");
    if (kind == Stage.Kind.JUNK && reason == null) {
      throw f.missing("reason");
    }
    if (kind != Stage.Kind.JUNK && reason != null) {
      throw f.invalid("only a junk stage has a reason");
    }
    if (converts && kind != Stage.Kind.ACTIVE) {
      throw f.invalid("only an active stage converts; a won stage always counts");
    }
    return new Stage(id, kind, entry, manual, reason, converts, onEnter);
  }

  static Offer offer(Input in) throws IOException {
    Fields f = in.object();
    String id = null;
    Offer.Tier tier = null;
    String name = null;
    Money price = null;
    Mark priceMark = null;
    while (f.next()) {
      switch (f.name()) {
        case "id" -> id = in.readId();
        case "tier" -> tier = in.readConstant(Offer.Tier.class);
        case "name" -> name = in.readText();
        case "price" -> {
          in.next();
          priceMark = in.mark();
          price = money(in);
        }
        default -> throw f.unknown();
      }
    }
    id = f.required(id, "id");
    tier = f.required(tier, "tier");
    if (price != null && priceMark != null && price.isNegative()) {
      throw priceMark.error(Code.INVALID_VALUE, "a price must not be negative");
    }
    return new Offer(id, tier, name == null ? id : name, price);
  }

  /** Reads a non-empty array of distinct ISO 4217 codes: the currencies a funnel states. */
  private static List<String> currencies(Input in) throws IOException {
    in.next();
    JsonLocation start = in.location();
    in.array();
    List<String> codes = new ArrayList<>(2);
    while (in.element()) {
      String code = currencyCode(in);
      if (codes.contains(code)) {
        throw in.error(Code.INVALID_VALUE, "currency listed twice");
      }
      codes.add(code);
    }
    if (codes.isEmpty()) {
      // At the array's end the parser's pointer is the array's own.
      throw Input.at(Code.INVALID_VALUE, "expected at least one currency", in.pointer(), start);
    }
    return codes;
  }

  /** Reads a known ISO 4217 code at the current token. */
  private static String currencyCode(Input in) throws IOException {
    String code = in.text();
    if (!CURRENCY.matcher(code).matches()) {
      throw in.error(Code.INVALID_VALUE, "expected an ISO 4217 currency code such as EUR");
    }
    try {
      Currency.getInstance(code);
    } catch (IllegalArgumentException e) {
      throw in.error(Code.INVALID_VALUE, "unknown currency code");
    }
    return code;
  }

  static Money money(Input in) throws IOException {
    Fields f = in.object();
    String amount = null;
    Mark amountMark = null;
    Currency currency = null;
    while (f.next()) {
      switch (f.name()) {
        case "amount" -> {
          amount = in.readText();
          amountMark = in.mark();
          if (!DECIMAL.matcher(amount).matches()) {
            throw in.error(Code.INVALID_VALUE, "expected a decimal string such as \"9.90\"");
          }
        }
        case "currency" -> {
          in.next();
          currency = Currency.getInstance(currencyCode(in));
        }
        default -> throw f.unknown();
      }
    }
    if (amount == null || amountMark == null) {
      throw f.missing("amount");
    }
    currency = f.required(currency, "currency");
    try {
      return new Money(new BigDecimal(amount), currency);
    } catch (IllegalArgumentException e) {
      throw amountMark.error(Code.INVALID_VALUE, "more fraction digits than the currency has");
    }
  }

  static Transition transition(Input in) throws IOException {
    Fields f = in.object();
    String event = null;
    ImmutableSet<String> from = ImmutableSet.of();
    boolean fromAny = false;
    String to = null;
    Condition guard = Condition.ALWAYS;
    ImmutableList<Action> actions = ImmutableList.of();
    int priority = 0;
    boolean hasFrom = false;
    while (f.next()) {
      switch (f.name()) {
        case "event" -> event = in.readId();
        case "from" -> {
          from = idSet(in);
          hasFrom = true;
        }
        case "fromAny" -> fromAny = in.readBool();
        case "to" -> to = in.readId();
        case "guard" -> {
          in.next();
          guard = ConditionReader.condition(in);
        }
        case "actions" -> actions = list(in, ModelReader::action);
        case "priority" -> priority = in.readInt();
        default -> throw f.unknown();
      }
    }
    event = f.required(event, "event");
    if (fromAny && hasFrom) {
      throw f.invalid("a transition has either from or fromAny, not both");
    }
    if (!fromAny && !hasFrom) {
      throw f.missing("from");
    }
    return new Transition(event, from, to, guard, actions, priority);
  }

  static Timer timer(Input in) throws IOException {
    Fields f = in.object();
    String stage = null;
    Duration after = null;
    String event = null;
    while (f.next()) {
      switch (f.name()) {
        case "stage" -> stage = in.readId();
        case "after" -> {
          after = in.readDuration();
          if (after.isNegative() || after.isZero()) {
            throw in.error(Code.INVALID_VALUE, "a timer's delay must be positive");
          }
        }
        case "event" -> event = in.readId();
        default -> throw f.unknown();
      }
    }
    stage = f.required(stage, "stage");
    after = f.required(after, "after");
    event = f.required(event, "event");
    return new Timer(stage, after, event);
  }

  // ---------------------------------------------------------------------------------------------
  // Actions and effects

  static Action action(Input in) throws IOException {
    return (Action) effect(in, false);
  }

  static Effect effect(Input in) throws IOException {
    return effect(in, true);
  }

  private static Effect effect(Input in, boolean timers) throws IOException {
    Fields f = in.object();
    Effect result = null;
    while (f.next()) {
      if (result != null) {
        throw in.error(Code.INVALID_VALUE, "an action has exactly one kind");
      }
      String name = f.name();
      if (name.equals(BuiltIns.CUSTOM)) {
        result = custom(in);
      } else if (BuiltIns.PARAMS.containsKey(name)) {
        result = builtIn(in, name);
      } else if (timers && name.equals(ModelWriter.TIMER_SCHEDULED)) {
        in.next();
        result = new Effect.TimerScheduled(scheduledTimer(in));
      } else if (timers && name.equals(ModelWriter.TIMER_CANCELLED)) {
        in.next();
        result = new Effect.TimerCancelled(scheduledTimer(in));
      } else {
        throw in.error(Code.UNKNOWN_TYPE, timers ? "unknown effect kind" : "unknown action kind");
      }
    }
    result = f.required(result, "an action kind");
    return result;
  }

  private static Action builtIn(Input in, String name) throws IOException {
    ImmutableList<String> allowed = BuiltIns.PARAMS.getOrDefault(name, ImmutableList.of());
    Fields f = in.readObject();
    // At most one of each allowed parameter: Fields refuses repeated ones.
    String[] keys = new String[allowed.size()];
    Object[] values = new Object[allowed.size()];
    int n = 0;
    while (f.next()) {
      String param = f.name();
      if (!allowed.contains(param)) {
        throw f.unknown();
      }
      keys[n] = param;
      values[n++] = BuiltIns.isScalar(name, param) ? in.readScalar() : in.readId();
    }
    return new Action(name, map(keys, values, n));
  }

  /** Returns the first {@code n} keys and values as a map, in order; the keys are distinct. */
  private static ImmutableMap<String, Object> map(String[] keys, Object[] values, int n) {
    switch (n) {
      case 0 -> {
        return ImmutableMap.of();
      }
      case 1 -> {
        return ImmutableMap.of(keys[0], values[0]);
      }
      case 2 -> {
        return ImmutableMap.of(keys[0], values[0], keys[1], values[1]);
      }
      default -> {
        ImmutableMap.Builder<String, Object> map = ImmutableMap.builderWithExpectedSize(n);
        for (int i = 0; i < n; i++) {
          map.put(keys[i], values[i]);
        }
        return map.buildOrThrow();
      }
    }
  }

  private static Action custom(Input in) throws IOException {
    Fields f = in.readObject();
    String name = null;
    ImmutableMap<String, Object> params = ImmutableMap.of();
    while (f.next()) {
      switch (f.name()) {
        case "name" -> {
          name = in.readId();
          if (BuiltIns.PARAMS.containsKey(name) || name.equals(BuiltIns.CUSTOM)) {
            throw in.error(Code.INVALID_VALUE, "a custom action may not take a built-in name");
          }
        }
        case "params" -> params = scalars(in).toMap();
        default -> throw f.unknown();
      }
    }
    name = f.required(name, "name");
    return new Action(name, params);
  }

  static ScheduledTimer scheduledTimer(Input in) throws IOException {
    Fields f = in.object();
    String stage = null;
    String event = null;
    Instant due = null;
    while (f.next()) {
      switch (f.name()) {
        case "stage" -> stage = in.readId();
        case "event" -> event = in.readId();
        case "due" -> due = in.readDue();
        default -> throw f.unknown();
      }
    }
    stage = f.required(stage, "stage");
    event = f.required(event, "event");
    due = f.required(due, "due");
    return new ScheduledTimer(stage, event, due);
  }
}
