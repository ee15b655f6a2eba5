package dev.funnel.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Renders the online shop's funnel chart and HTML report in a real headless browser (Debian's
 * {@code chromium}) and checks that the screenshots show a picture. Run only by the {@code
 * screenshots} profile ({@code mvn -Pscreenshots -pl funnel-examples -am verify}); the PNG files
 * stay in {@code funnel-examples/target/screenshots} to be looked at.
 */
final class BrowserScreenshots {
  private static final Path BROWSER = Path.of(System.getProperty("chromium", "/usr/bin/chromium"));
  private static final Path DIR = Path.of("target", "screenshots");

  @BeforeAll
  static void writeTheFiles() {
    assertTrue(
        Files.isExecutable(BROWSER),
        BROWSER + " is missing: install it with apt-get update && apt-get install -y chromium");
    ShopFigures.run(
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), DIR);
  }

  @Test
  void chart_rendersAsAPictureWithBarsAndText() throws Exception {
    BufferedImage png = screenshot("online-shop.svg", "online-shop-svg.png", 1080, 560);

    assertEquals(1080, png.getWidth());
    assertPicture(png);
  }

  @Test
  void htmlReport_rendersAsAPictureWithTheChartAndTables() throws Exception {
    BufferedImage png = screenshot("online-shop.html", "online-shop-html.png", 1200, 2400);

    assertEquals(1200, png.getWidth());
    assertPicture(png);
  }

  private static BufferedImage screenshot(String page, String png, int width, int height)
      throws IOException, InterruptedException {
    Path out = DIR.resolve(png).toAbsolutePath();
    Files.deleteIfExists(out);
    Path profile = Files.createTempDirectory("chromium-profile");
    List<String> command = new ArrayList<>();
    command.add(BROWSER.toString());
    command.add("--headless");
    command.add("--no-sandbox");
    command.add("--disable-gpu");
    command.add("--disable-background-networking");
    command.add("--disable-component-update");
    command.add("--disable-sync");
    command.add("--no-first-run");
    command.add("--hide-scrollbars");
    command.add("--user-data-dir=" + profile.toAbsolutePath());
    command.add("--screenshot=" + out);
    command.add("--window-size=" + width + "," + height);
    command.add(DIR.resolve(page).toAbsolutePath().toUri().toString());
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(DIR.resolve(png + ".log").toFile())
            .start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium did not finish within 120 s");
    assertEquals(0, p.exitValue(), () -> "chromium failed; see " + png + ".log");
    BufferedImage image = ImageIO.read(out.toFile());
    assertTrue(image != null, "no PNG at " + out);
    return image;
  }

  /** Asserts an image is not blank: many pixels are not white, in several colours. */
  private static void assertPicture(BufferedImage png) {
    long inked = 0;
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < png.getHeight(); y += 2) {
      for (int x = 0; x < png.getWidth(); x += 2) {
        int rgb = png.getRGB(x, y) & 0xffffff;
        if (rgb != 0xffffff) {
          inked++;
        }
        colours.add(rgb);
      }
    }
    long sampled = (long) (png.getHeight() / 2) * (png.getWidth() / 2);
    long share = inked * 100 / sampled;
    assertTrue(share >= 5, "only " + share + "% of the picture is not white");
    assertTrue(colours.size() >= 8, "only " + colours.size() + " colours");
  }
}
