package dev.funnel.jackson;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.funnel.Event;
import dev.funnel.Funnel;
import dev.funnel.Lead;
import dev.funnel.Step;
import dev.funnel.migration.Journal;
import dev.funnel.migration.Migration;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

final class RoundTripProperties {

  @Provide
  Arbitrary<Funnel> funnels() {
    return FunnelArbitraries.funnels();
  }

  @Provide
  Arbitrary<Lead> leads() {
    return FunnelArbitraries.leads();
  }

  @Provide
  Arbitrary<Event> events() {
    return FunnelArbitraries.events();
  }

  @Provide
  Arbitrary<Step> steps() {
    return FunnelArbitraries.steps();
  }

  @Provide
  Arbitrary<Migration> migrations() {
    return MigrationArbitraries.migrations();
  }

  @Provide
  Arbitrary<Journal> journals() {
    return MigrationArbitraries.journals();
  }

  @Property(tries = 300)
  void definition_writtenAsJson_readsBackEqual(@ForAll("funnels") Funnel funnel) {
    String json = FunnelFormat.writeDefinition(funnel, Syntax.JSON);

    assertEquals(funnel, FunnelFormat.readDefinition(json, Syntax.JSON));
  }

  @Property(tries = 300)
  void definition_writtenAsYaml_readsBackEqual(@ForAll("funnels") Funnel funnel) {
    String yaml = FunnelFormat.writeDefinition(funnel, Syntax.YAML);

    assertEquals(funnel, FunnelFormat.readDefinition(yaml, Syntax.YAML));
  }

  @Property(tries = 300)
  void lead_writtenInEitherSyntax_readsBackEqual(@ForAll("leads") Lead lead) {
    Lead fromJson = FunnelFormat.readLead(FunnelFormat.writeLead(lead, Syntax.JSON), Syntax.JSON);
    Lead fromYaml =
        FunnelFormat.readLead(
            new StringReader(FunnelFormat.writeLead(lead, Syntax.YAML)), Syntax.YAML);

    assertEquals(lead, fromJson);
    assertEquals(lead, fromYaml);
  }

  @Property(tries = 300)
  void event_writtenInEitherSyntax_readsBackEqual(@ForAll("events") Event event) {
    byte[] json = FunnelFormat.writeEvent(event, Syntax.JSON).getBytes(StandardCharsets.UTF_8);
    byte[] yaml = FunnelFormat.writeEvent(event, Syntax.YAML).getBytes(StandardCharsets.UTF_8);

    assertEquals(event, FunnelFormat.readEvent(new ByteArrayInputStream(json), Syntax.JSON));
    assertEquals(event, FunnelFormat.readEvent(new ByteArrayInputStream(yaml), Syntax.YAML));
  }

  @Property(tries = 300)
  void step_writtenInEitherSyntax_readsBackEqual(@ForAll("steps") Step step) {
    assertEquals(
        step, FunnelFormat.readStep(FunnelFormat.writeStep(step, Syntax.JSON), Syntax.JSON));
    assertEquals(
        step, FunnelFormat.readStep(FunnelFormat.writeStep(step, Syntax.YAML), Syntax.YAML));
  }

  @Property(tries = 300)
  void migration_writtenInEitherSyntax_readsBackEqual(@ForAll("migrations") Migration m) {
    for (Syntax syntax : Syntax.values()) {
      String written = FunnelFormat.writeMigration(m, syntax);

      assertEquals(m, FunnelFormat.readMigration(written, syntax, m.from(), m.to()));
    }
  }

  @Property(tries = 300)
  void journal_writtenInEitherSyntax_readsBackEqual(@ForAll("journals") Journal journal) {
    for (Syntax syntax : Syntax.values()) {
      assertEquals(
          journal, FunnelFormat.readJournal(FunnelFormat.writeJournal(journal, syntax), syntax));
    }
  }
}
