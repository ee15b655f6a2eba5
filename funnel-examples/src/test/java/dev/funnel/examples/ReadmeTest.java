package dev.funnel.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.Action;
import dev.funnel.Actions;
import dev.funnel.Conditions;
import dev.funnel.Effect;
import dev.funnel.Event;
import dev.funnel.Funnel;
import dev.funnel.Lead;
import dev.funnel.Offer;
import dev.funnel.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

final class ReadmeTest {

  @Test
  void firstExample_runsAsTheReadmeSays() {
    // README:BEGIN
    Funnel shop = Funnel.builder("online-shop")
        .stage("visitor").entry()
        .stage("cold-lead")
        .stage("buyer").won()
        .stage("lost").lost()
        .offer(Offer.leadMagnet("coupon-10"))
        .on("contact-left").from("visitor").to("cold-lead")
            .then(Actions.send("welcome-1", "email"), Actions.present("coupon-10"))
        .on("paid").from("cold-lead").to("buyer").when(Conditions.payload("total").gt(0))
        .after(Duration.ofDays(7)).in("cold-lead").fire("gone-cold")
        .on("gone-cold").from("cold-lead").to("lost")
        .build();                       // validated: every problem reported at once

    Instant now = Instant.parse("2026-03-02T09:00:00Z");
    Lead lead = shop.enter("lead-42", "google-ads", now).lead();
    Outcome out = shop.fire(lead, Event.of("evt-1", "contact-left", now));
    // README:END

    assertEquals("cold-lead", out.lead().stage());
    List<Effect> effects = out.effects();
    assertEquals(3, effects.size());
    assertEquals(Actions.send("welcome-1", "email"), effects.get(0));
    assertEquals("send{template=welcome-1, channel=email}", effects.get(0).toString());
    assertEquals(Actions.present("coupon-10"), effects.get(1));
    Effect.TimerScheduled timer = (Effect.TimerScheduled) effects.get(2);
    assertEquals("gone-cold", timer.timer().event());
    assertEquals(now.plus(Duration.ofDays(7)), timer.timer().due());
    assertEquals("lost", shop.advance(out.lead(), now.plus(Duration.ofDays(8))).lead().stage());
    assertTrue(effects.get(0) instanceof Action);
  }

  @Test
  void readme_firstJavaBlock_isTheCodeCompiledHere() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    Matcher block = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
    assertTrue(block.find(), "README has a java block");
    String source =
        Files.readString(Path.of("src/test/java/dev/funnel/examples/ReadmeTest.java"));
    String compiled =
        source.substring(source.indexOf("// README:BEGIN"), source.indexOf("// README:END"));
    List<String> missing = new ArrayList<>();
    for (String line : block.group(1).split("\\n")) {
      String code = line.replaceAll("//.*", "").strip();
      if (!code.isEmpty() && !code.startsWith("out.") && !code.startsWith("shop.advance")
          && !compiled.contains(code)) {
        missing.add(code);
      }
    }
    assertEquals(List.of(), missing, "README lines not compiled by this test");
    // The README's last three lines are checked by the assertions of the test above.
    assertTrue(block.group(1).contains("out.lead().stage();                 // \"cold-lead\""));
  }
}
