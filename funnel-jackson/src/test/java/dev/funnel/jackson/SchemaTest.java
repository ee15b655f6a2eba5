package dev.funnel.jackson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.funnel.Funnel;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checks every definition of the tests against the published JSON Schema. The validator is built on
 * Jackson 3, so it is handed JSON text, never Jackson 2 nodes.
 */
final class SchemaTest {
  private static final Schema SCHEMA =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
          .getSchema(FunnelFormat.definitionSchema(), InputFormat.JSON);

  private static List<Error> errors(String json) {
    return SCHEMA.validate(json, InputFormat.JSON);
  }

  /** Turns YAML into JSON text without going through the funnel model. */
  private static String yamlToJson(String yaml) throws IOException {
    return new ObjectMapper().writeValueAsString(new YAMLMapper().readTree(yaml));
  }

  @ParameterizedTest
  @ValueSource(strings = {"online-shop.json"})
  void schema_jsonDefinitionFiles_conform(String file) {
    assertEquals(List.of(), errors(Resources.text(file)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"online-shop.yaml", "online-shop-by-hand.yaml"})
  void schema_yamlDefinitionFiles_conform(String file) throws IOException {
    assertEquals(List.of(), errors(yamlToJson(Resources.text(file))));
  }

  @Test
  void schema_baseDocumentsOfTheBadInputTests_conform() throws IOException {
    assertEquals(List.of(), errors(BadInputTest.JSON));
    assertEquals(List.of(), errors(yamlToJson(BadInputTest.YAML)));
  }

  @Test
  void packageDocumentationExample_readsAndConforms() throws IOException {
    String source = Files.readString(Path.of("src/main/java/dev/funnel/jackson/package-info.java"));
    String block = source.substring(source.indexOf("<pre>{@code") + 11, source.indexOf("}</pre>"));
    String yaml =
        block.lines().map(l -> l.replaceFirst("^ \\* ?", "")).collect(Collectors.joining("\n"));

    Funnel f = FunnelFormat.readDefinition(yaml, Syntax.YAML);

    assertEquals("online-shop", f.id());
    assertEquals(List.of(), errors(yamlToJson(yaml)));
  }

  @Provide
  Arbitrary<Funnel> funnels() {
    return FunnelArbitraries.funnels();
  }

  @Property(tries = 200)
  void schema_generatedDefinitions_conform(@ForAll("funnels") Funnel funnel) {
    assertEquals(List.of(), errors(FunnelFormat.writeDefinition(funnel, Syntax.JSON)));
  }

  @Test
  void schema_shapesTheReaderRefuses_areRefusedToo() throws IOException {
    String shop = yamlToJson(Resources.text("online-shop.yaml"));
    String[] bad = {
      shop.replace("\"format\":1", "\"format\":2"),
      shop.replace("\"id\":\"visitor\"", "\"id\":\"visitor\",\"colour\":\"red\""),
      shop.replace("\"kind\":\"won\"", "\"kind\":\"won\",\"reason\":\"r\""),
      shop.replace("\"kind\":\"junk\",\"reason\":\"not-target-audience\"", "\"kind\":\"junk\""),
      shop.replace("\"fromAny\":true", "\"fromAny\":true,\"from\":[\"buyer\"]"),
      shop.replace("\"send\":", "\"launch\":"),
      shop.replace("\"custom\":\"is-vip\"", "\"custom\":\"is-vip\",\"owner\":\"x\""),
      shop.replace("\"gt\":0", "\"gt\":\"0\""),
      shop.replace("\"after\":\"P2D\"", "\"after\":\"2 days\""),
      shop.replace("\"amount\":\"9.90\"", "\"amount\":9.90"),
      shop.replace("\"priority\":1", "\"priority\":1.5"),
      shop.replace("\"name\":\"crm-sync\"", "\"name\":\"send\""),
    };
    for (String doc : bad) {
      assertFalse(doc.equals(shop), "the replacement must apply");
      assertFalse(errors(doc).isEmpty(), doc);
    }
  }

  @Test
  void schema_idIsAnAbsoluteHttpsUrlOfTheFileInTheRepository() throws IOException {
    String id = new ObjectMapper().readTree(FunnelFormat.definitionSchema()).get("$id").asText();
    URI uri = URI.create(id);
    assertEquals("https", uri.getScheme());
    assertTrue(
        id.endsWith(
            "/funnel-jackson/src/main/resources/dev/funnel/jackson/"
                + FunnelFormat.DEFINITION_SCHEMA),
        id);
  }
}
