package dev.funnel.jackson;

import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Jackson's quoting rules, and quotes for text YAML would read as something else:
 *
 * <ul>
 *   <li>text that YAML 1.1 reads as a number, a boolean, null or a merge key ({@code 0x1F}, {@code
 *       1_000}, {@code 1e5}, {@code .inf}, {@code <<}): the Jackson 2.18 writer leaves some of
 *       these plain, and its parser then reads a number;
 *   <li>text holding a line break other than LF and CR: SnakeYAML writes NEL, LS and PS as they are
 *       in plain and single-quoted scalars, where reading folds them into spaces; double-quoted,
 *       they are escaped and read back as they were.
 * </ul>
 *
 * Everything else is written plain.
 */
final class YamlQuoting extends StringQuotingChecker.Default {
  private static final long serialVersionUID = 1L;

  /** SnakeYAML's YAML 1.1 rules for what a plain scalar is; immutable once made. */
  private static final Resolver RESOLVER = new Resolver();

  @Override
  public boolean needToQuoteValue(String value) {
    return super.needToQuoteValue(value)
        || isReadAsAnotherType(value)
        || value.indexOf('\u0085') >= 0
        || value.indexOf('\u2028') >= 0
        || value.indexOf('\u2029') >= 0;
  }

  /** Instants stay plain: Jackson reads YAML timestamps as text, as the format expects. */
  private static boolean isReadAsAnotherType(String value) {
    Tag tag = RESOLVER.resolve(NodeId.scalar, value, true);
    return !tag.equals(Tag.STR) && !tag.equals(Tag.TIMESTAMP);
  }
}
