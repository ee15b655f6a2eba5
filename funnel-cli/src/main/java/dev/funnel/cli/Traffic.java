package dev.funnel.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.funnel.Funnel;
import dev.funnel.Money;
import dev.funnel.simulation.Delay;
import dev.funnel.simulation.Simulation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads a traffic file into a {@link Simulation} of a funnel. A traffic file is YAML or JSON:
 *
 * <pre>{@code
 * seed: 42
 * start: 2026-03-01T00:00:00Z        # optional
 * arrivals: PT1M                     # optional: time between two visitors of a channel
 * horizon: P60D                      # optional: how long leads are followed
 * owners: [anna, boris]              # optional
 * channels:
 *   - {id: google-ads, visitors: 10000, spend: {amount: "245.00", currency: EUR}}
 * moves:
 *   - {stage: visitor, event: contact-left, probability: 0.10, delay: PT1H}
 *   - {stage: cold-lead, event: paid, offer: starter-kit, probability: 0.05,
 *      delay: {exponential: P2D}}
 * }</pre>
 *
 * A delay is a duration (fixed), {@code {exponential: MEAN}} or {@code {uniform: [MIN, MAX]}}.
 * Every problem is reported with its JSON Pointer.
 */
final class Traffic {
  private static final Set<String> TOP =
      Set.of("seed", "start", "arrivals", "horizon", "owners", "channels", "moves");
  private static final Set<String> CHANNEL = Set.of("id", "visitors", "spend");
  private static final Set<String> MOVE = Set.of("stage", "event", "offer", "probability", "delay");

  private final String file;
  private final List<String> problems = new ArrayList<>();

  private Traffic(String file) {
    this.file = file;
  }

  /** Reads the file and builds the simulation of {@code funnel}, or reports every problem. */
  static Simulation read(Path path, Funnel funnel) throws Documents.BadFile {
    Documents.syntaxOf(path);
    JsonNode root;
    ObjectMapper mapper = new YAMLMapper(); // YAML is a superset of the JSON written here
    try (InputStream in = Files.newInputStream(path)) {
      root = mapper.readTree(in);
    } catch (JacksonException e) {
      throw new Documents.BadFile(
          List.of(
              path
                  + ":"
                  + e.getLocation().getLineNr()
                  + ":"
                  + e.getLocation().getColumnNr()
                  + ": SYNTAX: not well-formed"));
    } catch (IOException e) {
      throw new Documents.BadFile(List.of(path + ": cannot read: " + e.getClass().getSimpleName()));
    }
    Traffic t = new Traffic(path.toString());
    Simulation.Builder b = Simulation.builder(funnel);
    if (root == null || !root.isObject()) {
      t.problem("", "expected an object");
    } else {
      t.fill(root, b);
    }
    if (!t.problems.isEmpty()) {
      throw new Documents.BadFile(t.problems);
    }
    try {
      return b.build();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new Documents.BadFile(List.of(path + ": " + e.getMessage()));
    }
  }

  private void fill(JsonNode root, Simulation.Builder b) {
    known(root, "", TOP);
    if (root.has("seed")) {
      JsonNode seed = root.get("seed");
      if (seed.canConvertToLong() && seed.isIntegralNumber()) {
        b.seed(seed.asLong());
      } else {
        problem("/seed", "expected a whole number");
      }
    }
    if (root.has("start")) {
      String start = text(root.get("start"), "/start");
      if (start != null) {
        try {
          b.start(Instant.parse(start));
        } catch (DateTimeParseException e) {
          problem("/start", "expected an instant such as 2026-03-01T00:00:00Z");
        }
      }
    }
    @Nullable Duration arrivals =
        root.has("arrivals") ? duration(root.get("arrivals"), "/arrivals") : null;
    if (arrivals != null) {
      b.arrivals(arrivals);
    }
    @Nullable Duration horizon =
        root.has("horizon") ? duration(root.get("horizon"), "/horizon") : null;
    if (horizon != null) {
      b.horizon(horizon);
    }
    if (root.has("owners")) {
      List<String> owners = new ArrayList<>();
      JsonNode list = root.get("owners");
      if (!list.isArray()) {
        problem("/owners", "expected a list of owner ids");
      } else {
        for (int i = 0; i < list.size(); i++) {
          String id = text(list.get(i), "/owners/" + i);
          if (id != null) {
            owners.add(id);
          }
        }
        b.owners(owners.toArray(String[]::new));
      }
    }
    each(root, "channels", (c, at) -> channel(c, at, b));
    each(root, "moves", (m, at) -> move(m, at, b));
  }

  private interface Item {
    void read(JsonNode node, String pointer);
  }

  private void each(JsonNode root, String name, Item item) {
    JsonNode list = root.get(name);
    if (list == null || !list.isArray() || list.isEmpty()) {
      problem("/" + name, "expected a list with at least one entry");
      return;
    }
    for (int i = 0; i < list.size(); i++) {
      String at = "/" + name + "/" + i;
      if (!list.get(i).isObject()) {
        problem(at, "expected an object");
      } else {
        item.read(list.get(i), at);
      }
    }
  }

  private void channel(JsonNode c, String at, Simulation.Builder b) {
    known(c, at, CHANNEL);
    String id = text(c.get("id"), at + "/id");
    JsonNode visitors = c.get("visitors");
    long count = -1;
    if (visitors == null || !visitors.isIntegralNumber() || visitors.asLong() < 0) {
      problem(at + "/visitors", "expected a whole number of visitors, zero or more");
    } else {
      count = visitors.asLong();
    }
    Money spend = money(c.get("spend"), at + "/spend");
    if (id != null && count >= 0 && spend != null) {
      try {
        b.channel(id, count, spend);
      } catch (IllegalArgumentException | IllegalStateException e) {
        problem(at, String.valueOf(e.getMessage()));
      }
    }
  }

  private void move(JsonNode m, String at, Simulation.Builder b) {
    known(m, at, MOVE);
    String stage = text(m.get("stage"), at + "/stage");
    String event = text(m.get("event"), at + "/event");
    JsonNode p = m.get("probability");
    double probability = -1;
    if (p == null || !p.isNumber() || p.asDouble() < 0 || p.asDouble() > 1) {
      problem(at + "/probability", "expected a number from 0 to 1");
    } else {
      probability = p.asDouble();
    }
    Delay delay = delay(m.get("delay"), at + "/delay");
    @Nullable String offer = m.has("offer") ? text(m.get("offer"), at + "/offer") : null;
    if (stage == null || event == null || probability < 0 || delay == null) {
      return;
    }
    try {
      if (offer == null) {
        b.move(stage, event, probability, delay);
      } else {
        b.purchase(stage, event, offer, probability, delay);
      }
    } catch (IllegalArgumentException | IllegalStateException e) {
      problem(at, String.valueOf(e.getMessage()));
    }
  }

  private @Nullable Delay delay(@Nullable JsonNode d, String at) {
    if (d != null && d.isTextual()) {
      Duration fixed = duration(d, at);
      return fixed == null ? null : Delay.fixed(fixed);
    }
    if (d != null && d.isObject() && d.size() == 1) {
      Map.Entry<String, JsonNode> kind = d.properties().iterator().next();
      switch (kind.getKey()) {
        case "exponential" -> {
          Duration mean = duration(kind.getValue(), at + "/exponential");
          return mean == null ? null : Delay.exponential(mean);
        }
        case "uniform" -> {
          JsonNode range = kind.getValue();
          if (range.isArray() && range.size() == 2) {
            Duration min = duration(range.get(0), at + "/uniform/0");
            Duration max = duration(range.get(1), at + "/uniform/1");
            if (min != null && max != null) {
              try {
                return Delay.uniform(min, max);
              } catch (IllegalArgumentException e) {
                problem(at + "/uniform", String.valueOf(e.getMessage()));
              }
            }
            return null;
          }
          problem(at + "/uniform", "expected a list of two durations: [MIN, MAX]");
          return null;
        }
        default -> {
          problem(at, "expected exponential or uniform");
          return null;
        }
      }
    }
    problem(at, "expected a duration, {exponential: MEAN} or {uniform: [MIN, MAX]}");
    return null;
  }

  private @Nullable Money money(@Nullable JsonNode m, String at) {
    if (m == null
        || !m.isObject()
        || !m.path("amount").isTextual()
        || !m.path("currency").isTextual()
        || m.size() != 2) {
      problem(at, "expected {amount: \"245.00\", currency: EUR}");
      return null;
    }
    try {
      return Money.of(m.get("amount").asText(), m.get("currency").asText());
    } catch (IllegalArgumentException e) {
      problem(at, "expected a decimal amount and an ISO 4217 currency code");
      return null;
    }
  }

  private @Nullable Duration duration(@Nullable JsonNode d, String at) {
    String text = text(d, at);
    if (text == null) {
      return null;
    }
    try {
      Duration parsed = Duration.parse(text);
      if (parsed.isNegative()) {
        problem(at, "expected a duration that is not negative");
        return null;
      }
      return parsed;
    } catch (DateTimeParseException e) {
      problem(at, "expected an ISO-8601 duration such as PT1H or P2D");
      return null;
    }
  }

  private @Nullable String text(@Nullable JsonNode node, String at) {
    if (node == null || !node.isTextual() || node.asText().isBlank()) {
      problem(at, "expected a string");
      return null;
    }
    return node.asText();
  }

  private void known(JsonNode object, String at, Set<String> names) {
    for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!names.contains(name)) {
        problem(at + "/" + name, "unknown property; expected one of " + sorted(names));
      }
    }
  }

  private static String sorted(Set<String> names) {
    return String.join(", ", names.stream().sorted().toList());
  }

  private void problem(String pointer, String message) {
    problems.add(file + ": " + (pointer.isEmpty() ? "/" : pointer) + ": " + message);
  }
}
