package dev.funnel.jackson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.jsontype.impl.LaissezFaireSubTypeValidator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.funnel.Action;
import dev.funnel.Actions;
import dev.funnel.Condition;
import dev.funnel.Conditions;
import dev.funnel.Effect;
import dev.funnel.Event;
import dev.funnel.Funnel;
import dev.funnel.Lead;
import dev.funnel.Money;
import dev.funnel.Outcome;
import dev.funnel.Step;
import dev.funnel.jackson.FunnelFormatException.Code;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

final class FunnelModuleTest {
  private static final String CANARY = "dev.funnel.jackson.Canary";

  private final Funnel shop = Shop.funnel();

  @Test
  void findAndRegisterModules_findsTheModule() {
    ObjectMapper mapper = new ObjectMapper().findAndRegisterModules();

    assertTrue(mapper.getRegisteredModuleIds().contains(new FunnelModule().getTypeId()));
  }

  @Test
  void version_isTheProjectVersion() {
    assertEquals(PackageVersion.VERSION, new FunnelModule().version());
    assertEquals("dev.funnel", PackageVersion.VERSION.getGroupId());
    assertEquals("funnel-jackson", PackageVersion.VERSION.getArtifactId());
    assertFalse(PackageVersion.VERSION.isUnknownVersion());
  }

  @Test
  void mapperWithModule_roundTripsTheModel() throws Exception {
    ObjectMapper json = new ObjectMapper().registerModule(new FunnelModule());
    ObjectMapper yaml = new YAMLMapper().registerModule(new FunnelModule());
    Lead lead = Shop.lead42(shop);
    Event event =
        Event.purchase("evt-9", Shop.START)
            .type("paid")
            .offer("snowboard")
            .amount(Money.of("349", "EUR"))
            .build();
    Condition guard = Conditions.any(Conditions.attr("x").exists(), Conditions.custom("vip"));
    Action action = Actions.custom("crm-sync", java.util.Map.of("list", "buyers"));

    for (ObjectMapper m : List.of(json, yaml)) {
      assertEquals(shop, m.readValue(m.writeValueAsString(shop), Funnel.class));
      assertEquals(lead, m.readValue(m.writeValueAsString(lead), Lead.class));
      assertEquals(event, m.readValue(m.writeValueAsString(event), Event.class));
      assertEquals(guard, m.readValue(m.writeValueAsString(guard), Condition.class));
      assertEquals(action, m.readValue(m.writeValueAsString(action), Action.class));
    }
  }

  @Test
  void mapperWithModule_writesWhatFunnelFormatWrites() throws Exception {
    ObjectMapper json = new ObjectMapper().registerModule(new FunnelModule());
    Lead lead = Shop.lead42(shop);

    assertEquals(FunnelFormat.writeLead(lead, Syntax.JSON), json.writeValueAsString(lead));
  }

  @Test
  void yamlMapperOfTheCaller_booleanLikeWordsStayStringsAndAreNoBooleans() throws Exception {
    ObjectMapper yaml = new YAMLMapper().registerModule(new FunnelModule());

    Condition guard = yaml.readValue("{attr: opt-in, in: [yes, off]}", Condition.class);
    FunnelFormatException e =
        assertThrows(
            FunnelFormatException.class,
            () -> yaml.readValue("{id: visitor, entry: yes}", dev.funnel.Stage.class));

    assertEquals(Conditions.attr("opt-in").in("yes", "off"), guard);
    assertEquals(Code.WRONG_TYPE, e.code());
    assertEquals("/entry", e.pointer());
  }

  @Test
  void writeOutcome_entry_holdsStatusLeadEffectsAndSteps() throws Exception {
    Outcome entered = shop.enter("lead-1", "ads", Shop.START);
    Outcome moved =
        shop.fire(entered.lead(), Event.of("evt-1", "contact-left", Shop.START.plusSeconds(5)));
    ObjectMapper json = new ObjectMapper().registerModule(new FunnelModule());

    JsonNode tree = json.readTree(FunnelFormat.writeOutcome(moved, Syntax.JSON));
    List<Effect> effects =
        json.readValue(tree.get("effects").toString(), new TypeReference<List<Effect>>() {});
    List<Step> steps =
        json.readValue(tree.get("steps").toString(), new TypeReference<List<Step>>() {});

    assertEquals("moved", tree.get("status").asText());
    assertEquals(moved.lead(), json.readValue(tree.get("lead").toString(), Lead.class));
    assertEquals(moved.effects(), effects);
    assertEquals(moved.steps(), steps);
  }

  @Test
  void writeOutcome_refusal_namesIt() throws Exception {
    Lead lead = shop.enter("lead-1", "ads", Shop.START).lead();
    Outcome refused = shop.fire(lead, Event.of("evt-1", "no-such-event", Shop.START));

    JsonNode tree = new ObjectMapper().readTree(FunnelFormat.writeOutcome(refused, Syntax.JSON));

    assertEquals("refused", tree.get("status").asText());
    assertEquals("no-transition", tree.get("refusal").asText());
  }

  @Test
  void writeDefinition_builtInActionWithForeignParameter_isRefused() {
    Funnel odd =
        shop.toBuilder()
            .on("odd")
            .from("visitor")
            .to("cold-lead")
            .then(
                new Action(
                    "send", com.google.common.collect.ImmutableMap.of("template", "t", "x", 1)))
            .build();

    assertThrows(
        IllegalArgumentException.class, () -> FunnelFormat.writeDefinition(odd, Syntax.JSON));
  }

  @Test
  void read_classNamesAnywhere_neverInitialiseAClass() throws Exception {
    String json = FunnelFormat.writeDefinition(shop, Syntax.JSON);
    String[] documents = {
      json.replace("\"format\": 1,", "\"format\": 1, \"@class\": \"" + CANARY + "\","),
      json.replace("\"send\":", "\"" + CANARY + "\":"),
      json.replace("\"custom\": \"is-vip\"", "\"" + CANARY + "\": \"x\""),
      json.replace("\"id\": \"visitor\"", "\"id\": \"" + CANARY + "\""),
    };
    ObjectMapper plain = new ObjectMapper().registerModule(new FunnelModule());
    ObjectMapper typing =
        new ObjectMapper()
            .registerModule(new FunnelModule())
            .activateDefaultTyping(
                LaissezFaireSubTypeValidator.instance, ObjectMapper.DefaultTyping.NON_FINAL);

    for (String doc : documents) {
      try {
        var unused = FunnelFormat.readDefinition(doc, Syntax.JSON);
      } catch (FunnelFormatException expected) {
        // refused or invalid: either way nothing was loaded
      }
      try {
        var unused = plain.readValue(doc, Funnel.class);
      } catch (FunnelFormatException expected) {
        // as above
      }
    }
    FunnelFormatException typed =
        assertThrows(
            FunnelFormatException.class,
            () -> typing.readValue("[\"" + CANARY + "\", {\"custom\": \"x\"}]", Condition.class));
    FunnelFormatException tagged =
        assertThrows(
            FunnelFormatException.class,
            () ->
                FunnelFormat.readDefinition(
                    Resources.text("online-shop.yaml")
                        .replace("id: visitor", "id: !!" + CANARY + " x"),
                    Syntax.YAML));

    assertEquals(Code.WRONG_TYPE, typed.code());
    assertEquals(Code.UNKNOWN_TYPE, tagged.code());
    assertEquals(
        Conditions.custom("x"),
        typing.readValue(typing.writeValueAsString(Conditions.custom("x")), Condition.class));
    assertFalse(CanaryFlag.INITIALIZED.get());
  }

  @Test
  void read_durationsInAnyIsoForm_readBackAsTheSameDuration() {
    String yaml = Resources.text("online-shop.yaml").replace("after: P2D", "after: PT48H");

    Funnel f = FunnelFormat.readDefinition(yaml, Syntax.YAML);

    assertEquals(Duration.ofDays(2), f.timers().get(0).after());
    assertEquals(shop, f);
  }
}
