package dev.funnel.jackson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import com.google.common.testing.NullPointerTester;
import dev.funnel.Event;
import dev.funnel.Funnel;
import dev.funnel.Lead;
import dev.funnel.Outcome;
import dev.funnel.Problem;
import dev.funnel.Step;
import dev.funnel.migration.Journal;
import dev.funnel.migration.Migration;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Passes null, one parameter at a time, to every public constructor and method of every public type
 * of funnel-jackson, and expects a {@link NullPointerException} at once wherever the parameter is
 * not {@code @Nullable}.
 */
final class NullContractTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  /** The public types of this module, found in its classes directory. */
  private static List<Class<?>> publicTypes() {
    try {
      Path root =
          Path.of(FunnelFormat.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      List<Class<?>> types = new ArrayList<>();
      try (Stream<Path> files = Files.walk(root)) {
        for (Path p : (Iterable<Path>) files::iterator) {
          String name = root.relativize(p).toString().replace('/', '.');
          if (!name.endsWith(".class") || name.contains("-info") || name.matches(".*\\$\\d.*")) {
            continue;
          }
          Class<?> c = Class.forName(name.substring(0, name.length() - 6), false, loader());
          if (isPublic(c) && !c.isSynthetic()) {
            types.add(c);
          }
        }
      }
      types.sort((a, b) -> a.getName().compareTo(b.getName()));
      return types;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException | ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ClassLoader loader() {
    return FunnelFormat.class.getClassLoader();
  }

  private static boolean isPublic(Class<?> c) {
    for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
      if (!Modifier.isPublic(k.getModifiers())) {
        return false;
      }
    }
    return true;
  }

  /**
   * Members that do not refuse null today, each a gap in the main code to close: the test fails on
   * any other member that takes null silently or throws something else, and on a listed member that
   * has been fixed, so that this list stays exact and only shrinks.
   */
  private static final ImmutableList<String> KNOWN_GAPS = ImmutableList.of();

  private static String signature(Class<?> type, String name, Class<?>[] parameters) {
    StringBuilder b = new StringBuilder(type.getName()).append('#').append(name).append('(');
    for (int i = 0; i < parameters.length; i++) {
      b.append(i == 0 ? "" : ",").append(parameters[i].getSimpleName());
    }
    return b.append(')').toString();
  }

  private static NullPointerTester tester() {
    Funnel funnel = Shop.funnel();
    Outcome entered = funnel.enter("l1", "ads", T0);
    Lead lead = entered.lead();
    Step step = entered.steps().get(0);
    NullPointerTester tester = new NullPointerTester();
    tester.setDefault(Funnel.class, funnel);
    tester.setDefault(Lead.class, lead);
    tester.setDefault(Outcome.class, entered);
    tester.setDefault(Step.class, step);
    tester.setDefault(Event.class, Event.of("e1", "contact-left", T0));
    tester.setDefault(Syntax.class, Syntax.JSON);
    tester.setDefault(Problem.class, Funnel.builder("empty").problems().get(0));
    tester.setDefault(Migration.class, ShopVersions.migration());
    tester.setDefault(Journal.class, ShopVersions.journal());
    tester.setDefault(String.class, FunnelFormat.writeDefinition(funnel, Syntax.JSON));
    tester.setDefault(Reader.class, new StringReader("{}"));
    tester.setDefault(InputStream.class, new ByteArrayInputStream(new byte[0]));
    return tester;
  }

  @Test
  void everyPublicMember_refusesNullWhereNotNullable() {
    List<Class<?>> types = publicTypes();
    assertTrue(types.size() >= 5, "found only " + types);
    Map<Class<?>, Object> samples = Map.of(FunnelModule.class, new FunnelModule());
    NullPointerTester tester = tester();
    List<String> gaps = new ArrayList<>();
    int tested = 0;
    for (Class<?> type : types) {
      if (!Modifier.isAbstract(type.getModifiers())) {
        for (Constructor<?> c : type.getConstructors()) {
          tested++;
          try {
            tester.testConstructor(c);
          } catch (AssertionError e) {
            gaps.add(signature(type, "<init>", c.getParameterTypes()));
          }
        }
      }
      for (Method m : type.getDeclaredMethods()) {
        if (!Modifier.isPublic(m.getModifiers())
            || m.isSynthetic()
            || m.isBridge()
            || m.getParameterCount() == 0
            || m.getName().equals("equals")) {
          continue;
        }
        Object instance = Modifier.isStatic(m.getModifiers()) ? null : samples.get(type);
        if (!Modifier.isStatic(m.getModifiers()) && instance == null) {
          assertTrue(type.isEnum() || type.isRecord(), () -> "no sample of " + type);
          continue;
        }
        tested++;
        try {
          tester.testMethod(instance, m);
        } catch (AssertionError e) {
          gaps.add(signature(type, m.getName(), m.getParameterTypes()));
        }
      }
    }
    assertTrue(tested >= 20, "tested only " + tested + " members");
    gaps.sort(null);
    assertEquals(KNOWN_GAPS, gaps);
  }
}
