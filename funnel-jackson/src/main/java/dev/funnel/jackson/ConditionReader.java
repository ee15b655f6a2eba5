package dev.funnel.jackson;

import com.fasterxml.jackson.core.JsonLocation;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.funnel.Condition;
import dev.funnel.jackson.FunnelFormatException.Code;
import dev.funnel.jackson.Input.Fields;
import java.io.IOException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Reads a condition from an {@link Input}: an object of exactly one kind ({@code attr}, {@code
 * all}, {@code channel}, ...), with one operator for the comparisons of {@code attr} and {@code
 * payload}. Anything else is refused. Stateless.
 */
final class ConditionReader {
  private ConditionReader() {}

  /** The kinds of condition, each the one property naming it. */
  private static final ImmutableSet<String> KINDS =
      ImmutableSet.of(
          "always",
          "attr",
          "payload",
          "all",
          "any",
          "not",
          "channel",
          "owner",
          "segment",
          "bought",
          "offer",
          "timeInStage",
          "custom");

  static Condition condition(Input in) throws IOException {
    Fields f = in.object();
    String kind = null;
    Condition result = null;
    String attribute = null;
    Condition.Op op = null;
    ImmutableList<Object> operands = ImmutableList.of();
    while (f.next()) {
      String name = f.name();
      if (KINDS.contains(name)) {
        if (kind != null) {
          throw in.error(Code.INVALID_VALUE, "a condition has exactly one kind");
        }
        kind = name;
      } else {
        Condition.Op o = operator(name);
        if (o == null) {
          throw in.error(Code.UNKNOWN_TYPE, "unknown condition kind or operator");
        }
        if (op != null) {
          throw in.error(Code.INVALID_VALUE, "a condition has at most one operator");
        }
        op = o;
      }
      switch (name) {
        case "always" -> {
          if (!in.readBool()) {
            throw in.error(Code.INVALID_VALUE, "always must be true");
          }
          result = Condition.ALWAYS;
        }
        case "attr", "payload" -> attribute = in.readId();
        case "all" -> result = new Condition.All(ModelReader.list(in, ConditionReader::condition));
        case "any" -> result = new Condition.Any(ModelReader.list(in, ConditionReader::condition));
        case "not" -> {
          in.next();
          result = new Condition.Not(condition(in));
        }
        case "channel" -> result = new Condition.ChannelIs(ModelReader.idSet(in));
        case "owner" -> result = new Condition.OwnerIs(in.readId());
        case "segment" -> result = new Condition.InSegment(in.readId());
        case "bought" -> result = new Condition.Bought(in.readId());
        case "offer" -> result = new Condition.OfferIs(in.readId());
        case "timeInStage" -> {
          Duration d = in.readDuration();
          if (d.isNegative()) {
            throw in.error(Code.INVALID_VALUE, "time in stage must not be negative");
          }
          result = new Condition.TimeInStage(d);
        }
        case "custom" -> result = new Condition.Custom(in.readId());
        case "eq" -> operands = ImmutableList.of(in.readScalar());
        case "in" -> {
          in.next();
          JsonLocation start = in.location();
          operands = ModelReader.elements(in, Input::scalar);
          if (operands.isEmpty()) {
            // At the array's end the parser's pointer is the array's own.
            throw Input.at(Code.INVALID_VALUE, "expected at least one value", in.pointer(), start);
          }
        }
        case "exists" -> {
          if (!in.readBool()) {
            throw in.error(Code.INVALID_VALUE, "exists must be true; negate it with not");
          }
        }
        default -> {
          // gt, ge, lt, le
          in.next();
          operands = ImmutableList.of(in.number());
        }
      }
    }
    if (kind == null) {
      throw f.missing("a condition kind (" + String.join(", ", KINDS) + ")");
    }
    if (kind.equals("attr") || kind.equals("payload")) {
      if (op == null || attribute == null) {
        throw f.missing("an operator (eq, in, gt, ge, lt, le or exists)");
      }
      Condition.Scope scope = kind.equals("attr") ? Condition.Scope.LEAD : Condition.Scope.EVENT;
      return new Condition.Attribute(scope, attribute, op, operands);
    }
    if (op != null || result == null) {
      throw f.invalid("only attr and payload conditions take an operator");
    }
    return result;
  }

  private static Condition.@Nullable Op operator(String name) {
    return switch (name) {
      case "eq" -> Condition.Op.EQ;
      case "in" -> Condition.Op.IN;
      case "gt" -> Condition.Op.GT;
      case "ge" -> Condition.Op.GE;
      case "lt" -> Condition.Op.LT;
      case "le" -> Condition.Op.LE;
      case "exists" -> Condition.Op.EXISTS;
      default -> null;
    };
  }
}
