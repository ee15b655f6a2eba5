package dev.funnel.jackson;

/** The syntaxes the funnel format is written in; both carry the same model. */
public enum Syntax {
  /** JSON, RFC 8259. */
  JSON,
  /** YAML 1.1 as read by SnakeYAML, without anchors, aliases or tags. */
  YAML
}
