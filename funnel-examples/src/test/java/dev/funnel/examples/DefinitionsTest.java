package dev.funnel.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.funnel.Funnel;
import dev.funnel.jackson.FunnelFormat;
import dev.funnel.jackson.Syntax;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

final class DefinitionsTest {
  private static final Path FOLDER = Path.of("src/main/resources/funnels");

  private static final Schema SCHEMA =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
          .getSchema(FunnelFormat.definitionSchema(), InputFormat.JSON);

  private static List<Path> yamlFiles() throws IOException {
    try (Stream<Path> files = Files.list(FOLDER)) {
      return files
          .filter(p -> p.getFileName().toString().endsWith(".yaml"))
          .sorted()
          .collect(Collectors.toList());
    }
  }

  /** Turns YAML into JSON text without going through the funnel model. */
  private static String yamlToJson(String yaml) throws IOException {
    return new ObjectMapper().writeValueAsString(new YAMLMapper().readTree(yaml));
  }

  @Test
  void everyDefinition_conformsToThePublishedSchema() throws IOException {
    List<Path> files = yamlFiles();
    assertEquals(5, files.size(), files::toString);
    for (Path file : files) {
      String json = yamlToJson(Files.readString(file));
      assertEquals(List.of(), SCHEMA.validate(json, InputFormat.JSON), file.toString());
    }
  }

  @Test
  void everyDefinition_pointsEditorsAtTheSchemaById() throws IOException {
    String id = new ObjectMapper().readTree(FunnelFormat.definitionSchema()).get("$id").asText();
    for (Path file : yamlFiles()) {
      String first = Files.readAllLines(file).get(0);
      assertEquals("# yaml-language-server: $schema=" + id, first, file.toString());
    }
  }

  @Test
  void everyDefinition_readsStrictlyWithoutWarnings() throws IOException {
    for (Path file : yamlFiles()) {
      Funnel funnel = FunnelFormat.readDefinition(Files.readString(file), Syntax.YAML);
      String name = file.getFileName().toString();
      assertEquals(name, funnel.id() + ".yaml", "a file is named after its funnel");
      assertEquals(List.of(), funnel.warnings(), name);
      assertEquals(funnel, Definitions.load(funnel.id()));
    }
  }

  @Test
  void onlineShop_yamlIsTheJavaBuiltFunnel() {
    assertEquals(JavaBuiltFunnels.onlineShop(), OnlineShop.funnel());
  }

  @Test
  void saasLadder_yamlIsWhatTheValueLoopsCompileInto() {
    assertEquals(JavaBuiltFunnels.saasLadder(), SaasLadder.funnel());
  }

  @Test
  void salesDepartment_yamlIsTheJavaBuiltFunnel() {
    assertEquals(JavaBuiltFunnels.salesDepartment(), SalesDepartment.funnel());
  }

  @Test
  void segmentation_yamlIsWhatTheSegmentationPointCompilesInto() {
    assertEquals(
        JavaBuiltFunnels.webinar(), Segmentation.catalog().latest("webinar").orElseThrow());
    assertEquals(
        JavaBuiltFunnels.courseSales(),
        Segmentation.catalog().latest("course-sales").orElseThrow());
  }

  @Test
  void yamlWrittenBack_readsAsTheSameFunnel() {
    for (Funnel f :
        List.of(
            JavaBuiltFunnels.onlineShop(),
            JavaBuiltFunnels.saasLadder(),
            JavaBuiltFunnels.salesDepartment(),
            JavaBuiltFunnels.webinar(),
            JavaBuiltFunnels.courseSales())) {
      String yaml = FunnelFormat.writeDefinition(f, Syntax.YAML);
      assertTrue(yaml.startsWith("format: 1"), yaml);
      assertEquals(f, FunnelFormat.readDefinition(yaml, Syntax.YAML));
    }
  }
}
