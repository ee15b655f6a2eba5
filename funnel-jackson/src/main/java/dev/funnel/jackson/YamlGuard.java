package dev.funnel.jackson;

import dev.funnel.jackson.FunnelFormatException.Code;
import java.io.Reader;
import java.util.ArrayDeque;
import java.util.Deque;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * Scans a YAML document's events before Jackson reads it and refuses anchors, aliases and explicit
 * tags wherever they are. Jackson's YAML parser reports aliases and anchors on collections, but not
 * anchors on scalars, so this scan is what guarantees the format has no references.
 */
final class YamlGuard {
  private YamlGuard() {}

  /** One open collection: where it is and, for a mapping, the key whose value comes next. */
  private static final class Frame {
    final String pointer;
    final boolean mapping;
    boolean atKey = true;
    String key = "";
    int index = -1;

    Frame(String pointer, boolean mapping) {
      this.pointer = pointer;
      this.mapping = mapping;
    }
  }

  static void check(Reader reader, LoaderOptions options) {
    Parser parser = new ParserImpl(new StreamReader(reader), options);
    Deque<Frame> open = new ArrayDeque<>();
    String pointer = "";
    try {
      while (true) {
        Event e = parser.getEvent();
        if (e.is(Event.ID.StreamEnd)) {
          return;
        }
        if (e.is(Event.ID.MappingEnd) || e.is(Event.ID.SequenceEnd)) {
          open.pop();
          continue;
        }
        if (!(e instanceof NodeEvent nodeEvent)) {
          continue; // stream and document boundaries
        }
        Frame top = open.peek();
        if (top == null) {
          pointer = "";
        } else if (top.mapping) {
          if (top.atKey) {
            top.key = e instanceof ScalarEvent scalarEvent ? scalarEvent.getValue() : "";
          }
          pointer = top.pointer + "/" + escape(top.key);
          top.atKey = !top.atKey;
        } else {
          top.index++;
          pointer = top.pointer + "/" + top.index;
        }
        if (e instanceof AliasEvent) {
          throw error(Code.ANCHOR_OR_ALIAS, "YAML aliases are not allowed", pointer, e);
        }
        if (nodeEvent.getAnchor() != null) {
          throw error(Code.ANCHOR_OR_ALIAS, "YAML anchors are not allowed", pointer, e);
        }
        String tag =
            e instanceof ScalarEvent scalarEvent
                ? scalarEvent.getTag()
                : ((CollectionStartEvent) e).getTag();
        if (tag != null) {
          throw error(Code.UNKNOWN_TYPE, "YAML tags are not allowed", pointer, e);
        }
        if (e instanceof CollectionStartEvent) {
          open.push(new Frame(pointer, e.is(Event.ID.MappingStart)));
        }
      }
    } catch (YAMLException e) {
      Mark m =
          e instanceof org.yaml.snakeyaml.error.MarkedYAMLException markedYAMLException
              ? markedYAMLException.getProblemMark()
              : null;
      throw at(Code.SYNTAX, "malformed YAML", pointer, m);
    }
  }

  private static FunnelFormatException error(Code code, String what, String pointer, Event e) {
    return at(code, what, pointer, e.getStartMark());
  }

  private static FunnelFormatException at(
      Code code, String what, String pointer, @Nullable Mark m) {
    return new FunnelFormatException(
        code, what, pointer, m == null ? -1 : m.getLine() + 1, m == null ? -1 : m.getColumn() + 1);
  }

  static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }
}
