/** JSON and YAML support for funnel definitions, leads and events. */
@org.jspecify.annotations.NullMarked
package dev.funnel.jackson;
