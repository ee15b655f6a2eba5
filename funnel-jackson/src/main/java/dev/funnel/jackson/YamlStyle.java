package dev.funnel.jackson;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.emitter.Emitter;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ImplicitTuple;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.events.SequenceStartEvent;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * Lays out a YAML document as people write it: the document and its sections in block style, and
 * each collection below them that fits on its line in flow style, {@code {stage: cold-lead, after:
 * P2D, event: nudge}} and {@code from: [visitor]}. A collection stays in block style if it holds
 * text with a line break, which can be a literal block there, or plain text that flow style would
 * have to quote, such as an instant ({@code due: 2026-03-04T09:01:00Z}).
 *
 * <p>Jackson writes block style only, so the document it writes is read back into SnakeYAML's
 * events and emitted again, each collection in the style chosen for it. No scalar is touched, and
 * SnakeYAML's emitter would quote any that flow style needed quoted, so the document reads back
 * exactly as Jackson wrote it. Whether a collection fits is estimated from its scalars' lengths; an
 * estimate that is a little off only moves the place where the emitter folds a line.
 */
final class YamlStyle {
  /** The column no flow collection passes: SnakeYAML's emitter folds longer lines. */
  static final int WIDTH = 80;

  /** The document (level 0) and its sections (level 1) stay in block style. */
  private static final int FIRST_FLOW_LEVEL = 2;

  private static final int INDENT = 2;

  /** A width that fits nowhere: collections holding text with a line break, or too long. */
  private static final int NEVER = Integer.MAX_VALUE / 4;

  /** Scalars as Jackson writes them: no tags, plain or quoted as the emitter decides. */
  private static final ImplicitTuple UNTAGGED = new ImplicitTuple(true, true);

  private final List<Event> events;

  /** For each collection start, the index of its end event; for other events, their own index. */
  private final int[] ends;

  /** For each node's first event, the estimated length of the node in flow style on one line. */
  private final int[] widths;

  private final Emitter emitter;

  private YamlStyle(List<Event> events, StringWriter out) {
    this.events = events;
    this.ends = new int[events.size()];
    this.widths = new int[events.size()];
    this.emitter = new Emitter(out, options());
  }

  /**
   * Returns the document with its short collections in flow style.
   *
   * @param yaml a document Jackson's YAML generator wrote, in block style
   */
  static String restyle(String yaml) {
    List<Event> events = parse(yaml);
    StringWriter out = new StringWriter(yaml.length());
    YamlStyle style = new YamlStyle(events, out);
    int i = 0;
    while (i < events.size()) {
      i = style.measure(i);
    }
    i = 0;
    while (i < events.size()) {
      i = style.emit(i, 0, 0);
    }
    return out.toString();
  }

  private static List<Event> parse(String yaml) {
    LoaderOptions limits = new LoaderOptions();
    // The document is one this library has just written, within the limits it reads.
    limits.setCodePointLimit(Integer.MAX_VALUE);
    limits.setNestingDepthLimit(Integer.MAX_VALUE);
    ParserImpl parser = new ParserImpl(new StreamReader(new StringReader(yaml)), limits);
    List<Event> events = new ArrayList<>();
    while (parser.peekEvent() != null) {
      events.add(parser.getEvent());
      if (events.get(events.size() - 1).is(Event.ID.StreamEnd)) {
        break;
      }
    }
    return events;
  }

  /** Jackson's emitter settings for the generator features the format enables. */
  private static DumperOptions options() {
    DumperOptions o = new DumperOptions();
    o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    o.setIndent(INDENT);
    o.setIndicatorIndent(INDENT);
    o.setIndentWithIndicator(true);
    o.setWidth(WIDTH);
    o.setSplitLines(true);
    return o;
  }

  /** Measures the node starting at {@code i}, returning the index after it. */
  private int measure(int i) {
    Event e = events.get(i);
    ends[i] = i;
    if (e instanceof ScalarEvent scalar) {
      widths[i] = width(scalar.getValue(), scalar.isPlain());
      return i + 1;
    }
    if (!(e instanceof MappingStartEvent) && !(e instanceof SequenceStartEvent)) {
      widths[i] = NEVER;
      return i + 1;
    }
    boolean mapping = e instanceof MappingStartEvent;
    long width = 2; // the brackets
    int items = 0;
    int j = i + 1;
    while (!(events.get(j) instanceof CollectionEndEvent)) {
      int next = measure(j);
      width += widths[j];
      if (mapping) {
        j = next;
        next = measure(j);
        width += 2 + widths[j]; // ": "
      }
      items++;
      j = next;
    }
    width += 2L * Math.max(0, items - 1); // ", "
    ends[i] = j;
    widths[i] = (int) Math.min(width, NEVER);
    return j + 1;
  }

  /**
   * Estimates the length of a scalar in a flow collection, with its quotes and escapes if it is
   * quoted; {@link #NEVER} for text with a line break, and for plain text that flow style would
   * have to quote (an instant's {@code :}, a {@code ,}), which stays plain in block style.
   */
  private static int width(String value, boolean plain) {
    int extra = plain ? 0 : 2;
    for (int k = 0; k < value.length(); k++) {
      char c = value.charAt(k);
      if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
        return NEVER;
      }
      if (plain && ",[]{}:#?".indexOf(c) >= 0) {
        return NEVER; // plain in block style, quoted in flow: kept plain, in block style
      } else if (c == '"' || c == '\\' || c == '\'') {
        extra++;
      } else if (c < ' ' || c > '~') {
        extra += Character.isLetterOrDigit(c) ? 0 : 5;
      }
    }
    return Math.min(value.length() + extra, NEVER);
  }

  /**
   * Emits the node starting at {@code i}, nested {@code level} collections deep and starting at
   * {@code column}, returning the index after it.
   */
  private int emit(int i, int level, int column) {
    Event e = events.get(i);
    boolean collection = e instanceof MappingStartEvent || e instanceof SequenceStartEvent;
    if (!collection) {
      write(e, false);
      return i + 1;
    }
    int end = ends[i];
    if (level >= FIRST_FLOW_LEVEL && column + widths[i] <= WIDTH) {
      for (int j = i; j <= end; j++) {
        write(events.get(j), true);
      }
      return end + 1;
    }
    write(e, false);
    boolean mapping = e instanceof MappingStartEvent;
    int inner = INDENT * level;
    int j = i + 1;
    while (j < end) {
      if (mapping) {
        int key = j;
        j = emit(j, level + 1, inner);
        j = emit(j, level + 1, inner + widths[key] + 2);
      } else {
        j = emit(j, level + 1, inner + 2);
      }
    }
    write(events.get(end), false);
    return end + 1;
  }

  private void write(Event e, boolean flow) {
    Event out = e;
    if (e instanceof MappingStartEvent) {
      out = new MappingStartEvent(null, null, true, null, null, style(flow));
    } else if (e instanceof SequenceStartEvent) {
      out = new SequenceStartEvent(null, null, true, null, null, style(flow));
    } else if (e instanceof ScalarEvent s) {
      out = new ScalarEvent(null, null, UNTAGGED, s.getValue(), null, null, s.getScalarStyle());
    }
    try {
      emitter.emit(out);
    } catch (IOException impossible) {
      throw new UncheckedIOException(impossible); // a StringWriter does not fail
    }
  }

  private static DumperOptions.FlowStyle style(boolean flow) {
    return flow ? DumperOptions.FlowStyle.FLOW : DumperOptions.FlowStyle.BLOCK;
  }
}
