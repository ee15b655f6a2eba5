package dev.funnel.jackson;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.jsontype.TypeDeserializer;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.funnel.Action;
import dev.funnel.Condition;
import dev.funnel.Effect;
import dev.funnel.Event;
import dev.funnel.Funnel;
import dev.funnel.Lead;
import dev.funnel.Money;
import dev.funnel.Offer;
import dev.funnel.Outcome;
import dev.funnel.Purchase;
import dev.funnel.ScheduledTimer;
import dev.funnel.Stage;
import dev.funnel.Step;
import dev.funnel.Timer;
import dev.funnel.Transition;
import dev.funnel.migration.Journal;
import dev.funnel.migration.Migration;
import java.io.IOException;

/**
 * The Jackson module for funnel definitions, leads, events, steps and outcomes in the funnel
 * format, for JSON and YAML alike. Register it on a mapper, or let {@code findAndRegisterModules()}
 * find it:
 *
 * <pre>{@code
 * ObjectMapper mapper = new ObjectMapper().registerModule(new FunnelModule());
 * String json = mapper.writeValueAsString(funnel);
 * Funnel back = mapper.readValue(json, Funnel.class);
 * }</pre>
 *
 * <p>It reads and writes {@link Funnel}, {@link Lead}, {@link Event}, {@link Step}, {@link Stage},
 * {@link Offer}, {@link Transition}, {@link Timer}, {@link Condition}, {@link Action}, {@link
 * Effect}, {@link ScheduledTimer}, {@link Purchase}, {@link Money} and {@link Journal}, and writes
 * {@link Outcome} (an outcome is made by a funnel, never read back) and {@link Migration} (read one
 * with {@link FunnelFormat#readMigration}, which needs the two definitions it joins). The format is
 * described in the {@linkplain dev.funnel.jackson package documentation}.
 *
 * <p>The serializers and deserializers are explicit and strict whatever the mapper's settings:
 * unknown properties, duplicate keys, coercions (a decimal for a whole number, a string for a
 * boolean), YAML anchors, aliases and tags and type ids are refused with a {@link
 * FunnelFormatException}, and polymorphic values (conditions, actions, effects) are resolved from
 * the module's own registry of kind names, never from class names, even on a mapper with default
 * typing: type information is neither written nor read for these types. Limits on parsing, trailing
 * content and the format version checked before anything else are only guaranteed by {@link
 * FunnelFormat}, which configures its own mapper: prefer it for untrusted input. When a value is
 * nested in a type bound by databind, Jackson may wrap the {@code FunnelFormatException} in a
 * {@code JsonMappingException}.
 *
 * <p>Instances are immutable once registered and thread-safe.
 */
public final class FunnelModule extends SimpleModule {
  private static final long serialVersionUID = 1L;

  /** Creates the module. */
  public FunnelModule() {
    this(true);
  }

  /**
   * Creates the module.
   *
   * @param locate whether reading a definition remembers where each value starts, so that the
   *     problems of an invalid definition come with lines and columns; it costs most of a read
   */
  FunnelModule(boolean locate) {
    super(FunnelModule.class.getSimpleName(), PackageVersion.VERSION);
    Requirements.check();
    both(Funnel.class, ModelWriter::funnel, ModelReader::funnel, locate);
    both(Lead.class, ModelWriter::lead, RecordReader::lead, false);
    both(Event.class, ModelWriter::event, RecordReader::event, false);
    both(Step.class, ModelWriter::step, RecordReader::step, false);
    both(Stage.class, ModelWriter::stage, ModelReader::stage, false);
    both(Offer.class, ModelWriter::offer, ModelReader::offer, false);
    both(Transition.class, ModelWriter::transition, ModelReader::transition, false);
    both(Timer.class, ModelWriter::timer, ModelReader::timer, false);
    both(Condition.class, ModelWriter::condition, ConditionReader::condition, false);
    both(Action.class, ModelWriter::action, ModelReader::action, false);
    both(Effect.class, ModelWriter::effect, ModelReader::effect, false);
    both(ScheduledTimer.class, ModelWriter::scheduledTimer, ModelReader::scheduledTimer, false);
    both(Purchase.class, ModelWriter::purchase, RecordReader::purchase, false);
    both(Money.class, ModelWriter::money, ModelReader::money, false);
    both(Journal.class, JournalFormat::write, JournalFormat::read, false);
    addSerializer(Outcome.class, new Writer<>(Outcome.class, ModelWriter::outcome));
    addSerializer(Migration.class, new Writer<>(Migration.class, MigrationFormat::write));
  }

  private <T> void both(Class<T> type, Write<T> write, Read<T> read, boolean record) {
    addSerializer(type, new Writer<>(type, write));
    addDeserializer(type, new Reader<>(type, read, record));
  }

  /** Writes one value. */
  interface Write<T> {
    void write(JsonGenerator g, T value) throws IOException;
  }

  /** Reads one value, starting at its first token. */
  interface Read<T> {
    T read(Input in) throws IOException;
  }

  private static final class Writer<T> extends StdSerializer<T> {
    private static final long serialVersionUID = 1L;

    @SuppressWarnings("serial") // serializers are not serialized in practice
    private final Write<T> write;

    Writer(Class<T> type, Write<T> write) {
      super(type);
      this.write = write;
    }

    @Override
    public void serialize(T value, JsonGenerator g, SerializerProvider provider)
        throws IOException {
      write.write(g, value);
    }

    /** Writes the value as the format has it, without type information. */
    @Override
    public void serializeWithType(
        T value, JsonGenerator g, SerializerProvider provider, TypeSerializer typeSer)
        throws IOException {
      write.write(g, value);
    }
  }

  private static final class Reader<T> extends StdDeserializer<T> {
    private static final long serialVersionUID = 1L;

    @SuppressWarnings("serial") // deserializers are not serialized in practice
    private final Read<T> read;

    private final boolean record;

    Reader(Class<T> type, Read<T> read, boolean record) {
      super(type);
      this.read = read;
      this.record = record;
    }

    @Override
    public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      Input in = new Input(p, record);
      in.current();
      return read.read(in);
    }

    /**
     * Reads the value as the format has it, ignoring a mapper's default typing: a type id in the
     * input is refused like any other unknown content, and no class is resolved from it.
     */
    @Override
    public Object deserializeWithType(
        JsonParser p, DeserializationContext ctxt, TypeDeserializer typeDeserializer)
        throws IOException {
      return deserialize(p, ctxt);
    }
  }
}
