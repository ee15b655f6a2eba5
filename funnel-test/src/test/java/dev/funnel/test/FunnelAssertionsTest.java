package dev.funnel.test;

import static dev.funnel.test.FunnelAssertions.assertThat;
import static dev.funnel.test.FunnelAssertions.assertThatSteps;
import static dev.funnel.test.Shop.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnel.Actions;
import dev.funnel.Event;
import dev.funnel.Funnel;
import dev.funnel.Lead;
import dev.funnel.Money;
import dev.funnel.Outcome;
import dev.funnel.Step;
import dev.funnel.analytics.Report;
import dev.funnel.runtime.FunnelRuntime;
import dev.funnel.runtime.InMemoryLeadStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class FunnelAssertionsTest {
  private static final String EMAIL = "anna@example.com";
  private final Funnel shop = Shop.funnel();

  private Lead coldLead() {
    Lead entered = shop.newLead("lead-42", "ads").attribute("email", EMAIL).enter(T0).lead();
    return shop.fire(entered, Event.of("evt-1", "contact-left", T0)).lead();
  }

  @Test
  void outcome_movedAndEmitted_passes() {
    Lead visitor = shop.enter("lead-42", "ads", T0).lead();
    Outcome out = shop.fire(visitor, Event.of("evt-1", "contact-left", T0));

    assertThat(out)
        .movedTo("cold-lead")
        .wasAccepted()
        .emitted("present")
        .emitted("send", Map.of("template", "welcome-1", "channel", "email"))
        .emitted(Actions.present("coupon-10"), Actions.send("welcome-1", "email"))
        .emittedInOrder(Actions.send("welcome-1", "email"), Actions.present("coupon-10"))
        .emittedExactly(Actions.send("welcome-1", "email"), Actions.present("coupon-10"))
        .didNotEmit("assign")
        .scheduled("nudge", T0.plus(Duration.ofDays(2)))
        .scheduled("gone-cold");
    assertThat(out).lead().isInStage("cold-lead").hasVersion(1);
    assertThat(out).steps().took("visitor", "contact-left", "cold-lead");
  }

  @Test
  void outcome_emittedInTheWrongOrder_failsNamingTheActions() {
    Outcome out =
        shop.fire(shop.enter("lead-42", "ads", T0).lead(), Event.of("e", "contact-left", T0));

    assertThatThrownBy(
            () ->
                assertThat(out)
                    .emittedInOrder(
                        Actions.present("coupon-10"), Actions.send("welcome-1", "email")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("in this order")
        .hasMessageContaining("send{template=welcome-1, channel=email}");
  }

  @Test
  void outcome_refused_failsWithTheReasonAndTheJourneyButNoPersonalData() {
    Lead cold = coldLead();
    Outcome out =
        shop.fire(cold, Event.builder("evt-2", "paid", T0).payload("card", "4111-1111").build());

    assertThat(out)
        .wasRefused(Outcome.Refusal.GUARD_REJECTED)
        .lead()
        .isInStage("cold-lead")
        .hasAttribute("email");
    assertThatThrownBy(() -> assertThat(out).movedTo("buyer"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("expected lead 'lead-42' to move to 'buyer'")
        .hasMessageContaining("refused (GUARD_REJECTED) in 'cold-lead'")
        .hasMessageContaining("recent events [evt-1]")
        .hasMessageContaining("attributes [email]")
        .hasMessageContaining("timers ['nudge' at 2026-03-04T09:00:00Z")
        .hasMessageNotContaining(EMAIL)
        .hasMessageNotContaining("4111");
  }

  @Test
  void outcome_cancelledTimers_areChecked() {
    Lead cold = coldLead();
    Outcome out = shop.fire(cold, Event.of("evt-2", "added-to-cart", T0.plusSeconds(60)));

    assertThat(out)
        .movedTo("hot-lead")
        .cancelled("nudge", T0.plus(Duration.ofDays(2)))
        .cancelled("gone-cold");
    assertThatThrownBy(() -> assertThat(out).scheduled("nudge"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("to schedule a timer 'nudge', but the timers scheduled were []");
  }

  @Test
  void lead_assertions_checkStageOffersSegmentsOwnerAndTimers() {
    Lead lead =
        Lead.builder("lead-7", "online-shop")
            .stage("buyer", T0)
            .channel("ads")
            .owner("anna")
            .segment("loyal")
            .purchase(new dev.funnel.Purchase("mini-set", Money.of("9.90", "EUR"), T0, "evt-3"))
            .build();

    assertThat(lead)
        .isInStage("buyer")
        .hasBought("mini-set")
        .hasNotBought("starter-kit")
        .hasSegment("loyal")
        .isOwnedBy("anna")
        .hasNoTimers();
    assertThatThrownBy(() -> assertThat(lead).isOwnedBy("boris"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("to be owned by 'boris', but 'anna' owns it");
    assertThatThrownBy(() -> assertThat(lead).hasSegment("new"))
        .hasMessageContaining("its segments are [loyal]");
  }

  @Test
  void receipt_assertions_followTheRuntime() {
    FunnelRuntime runtime =
        FunnelRuntime.builder(dev.funnel.Catalog.of(shop))
            .store(new InMemoryLeadStore())
            .handler(Actions.SEND, d -> {})
            .handler(Actions.PRESENT, d -> {})
            .build();

    assertThat(runtime.enter("online-shop", "lead-42", "ads", T0)).enteredIn("visitor");
    assertThat(runtime.handle("online-shop", "lead-42", Event.of("evt-1", "contact-left", T0)))
        .movedTo("cold-lead")
        .lead()
        .isInStage("cold-lead");
    assertThat(runtime.handle("online-shop", "lead-42", Event.of("evt-1", "contact-left", T0)))
        .wasRefused(Outcome.Refusal.DUPLICATE);
    assertThat(runtime.handle("online-shop", "nobody", Event.of("evt-9", "paid", T0))).hasNoLead();
    assertThatThrownBy(
            () ->
                assertThat(
                        runtime.handle(
                            "online-shop", "lead-42", Event.of("evt-2", "paid", T0.plusSeconds(1))))
                    .movedTo("buyer"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("REFUSED (GUARD_REJECTED)")
        .hasMessageContaining("in 'cold-lead'");
  }

  @Test
  void steps_assertions_checkTheStagesVisited() {
    List<Step> journal = new ArrayList<>();
    Outcome entered = shop.enter("lead-42", "ads", T0);
    journal.addAll(entered.steps());
    Outcome cold = shop.fire(entered.lead(), Event.of("evt-1", "contact-left", T0));
    journal.addAll(cold.steps());
    journal.addAll(shop.advance(cold.lead(), T0.plus(Duration.ofDays(8))).steps());

    assertThatSteps(journal)
        .visited("visitor", "cold-lead", "lost")
        .passedThrough("cold-lead")
        .neverReached("buyer")
        .took("cold-lead", "nudge", "cold-lead")
        .took("cold-lead", "gone-cold", "lost");
    assertThatThrownBy(() -> assertThatSteps(journal).visited("visitor", "buyer"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("but they visited [visitor, cold-lead, lost]");

    Report report = Report.of(shop, journal);
    assertThat(report)
        .hasEntries(1)
        .entered("lost", 1)
        .entered("buyer", 0)
        .took("cold-lead", "gone-cold", "lost", 1)
        .hasBuyers(0);
    assertThatThrownBy(() -> assertThat(report).hasBuyers(1))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("to count 1 buyers, but they count 0");
  }

  @Test
  void kitAssertions_sitBesideAssertJs() {
    assertThat(List.of(1, 2)).hasSize(2);
    assertThat("funnel").startsWith("fun");
  }
}
