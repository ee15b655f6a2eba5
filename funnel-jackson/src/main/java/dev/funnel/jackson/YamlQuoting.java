package dev.funnel.jackson;

import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;

/**
 * Jackson's quoting rules, and double quotes for text holding a line break other than LF and CR:
 * SnakeYAML writes NEL, LS and PS as they are in plain and single-quoted scalars, where reading
 * folds them into spaces; double-quoted, they are escaped and read back as they were.
 */
final class YamlQuoting extends StringQuotingChecker.Default {
  private static final long serialVersionUID = 1L;

  @Override
  public boolean needToQuoteValue(String value) {
    return super.needToQuoteValue(value)
        || value.indexOf('\u0085') >= 0
        || value.indexOf('\u2028') >= 0
        || value.indexOf('\u2029') >= 0;
  }
}
