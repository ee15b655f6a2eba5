package dev.funnel;

import static java.util.Objects.requireNonNull;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The packed memory of recent event ids: a byte a character (two above U+00FF), appended in place
 * while its room lasts, its room growing with the ids it holds, and a new memory with the newest
 * {@value Lead#RECENT_EVENT_IDS} made only every {@value RecentIds#MOST} - {@value
 * Lead#RECENT_EVENT_IDS} ids once a line of firing is long.
 */
final class RecentIdsTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  /** One line of firing, as {@link Lead#next} remembers its ids. */
  private static final class Line {
    RecentIds.@Nullable Memory memory;
    int end;
    long version;

    Line(RecentIds.@Nullable Memory memory, int end, long version) {
      this.memory = memory;
      this.end = end;
      this.version = version;
    }

    /** Remembers the id and returns whether that took a new memory. */
    boolean remember(String id) {
      int size = RecentIds.encodedSize(id);
      RecentIds.Memory m = RecentIds.remember(memory, end, version, id, size, RecentIds.hash(id));
      boolean fresh = m != memory;
      end = fresh ? m.made : end + size;
      memory = m;
      version++;
      return fresh;
    }
  }

  @Test
  void encodedSize_isAByteACharacter_twoAboveLatin1_afterAHeaderOfOneByteUpTo63Characters() {
    assertEquals(2, RecentIds.encodedSize("a"));
    assertEquals(2, RecentIds.encodedSize("\u00FF"));
    assertEquals(3, RecentIds.encodedSize("\u0100"));
    assertEquals(1 + 2 * 2, RecentIds.encodedSize("é\u0100"));
    assertEquals(1 + 63, RecentIds.encodedSize("x".repeat(63)));
    assertEquals(2 + 64, RecentIds.encodedSize("x".repeat(64)));
  }

  @Test
  void aLongLine_makesANewMemoryAsItsRoomRunsOut_thenEveryMostLessTheKeptIds() {
    Line line = new Line(null, 0, 0);
    List<Integer> fresh = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      // Ids of one size: "e-10" to "e-69".
      if (line.remember("e-" + (10 + i))) {
        fresh.add(i);
      }
    }
    // Room for 4 (and a byte an id to spare), then for twice the ids kept and the new one, then
    // for the most, 24, and from then on the newest 16 and room for 8 more.
    assertEquals(ImmutableList.of(0, 4, 11, 24, 32, 40, 48, 56), fresh);
    ImmutableList<String> ids = RecentIds.list(line.memory, line.end);
    assertEquals(20, ids.size());
    assertEquals("e-69", ids.get(0));
    assertEquals("e-50", ids.get(19));
  }

  @Test
  void anIdThatFillsTheRoomExactly_isAppendedInPlace() {
    Line line = new Line(null, 0, 0);
    assertTrue(line.remember("x1")); // 3 bytes, and room for 3 more of 3 and a byte each
    RecentIds.Memory first = requireNonNull(line.memory);
    assertFalse(line.remember("x2"));
    assertFalse(line.remember("x3"));
    assertFalse(line.remember("x4abc")); // 6 bytes: exactly the 15 made room for
    assertSame(first, line.memory);
    assertTrue(line.remember("x5"));
    assertEquals(
        ImmutableList.of("x5", "x4abc", "x3", "x2", "x1"), RecentIds.list(line.memory, line.end));
  }

  @Test
  void aRestoredMemory_hasRoomForTheIdsUpToTheMost() {
    List<String> newestFirst = new ArrayList<>();
    for (int i = 25; i >= 10; i--) {
      newestFirst.add("r-" + i);
    }
    RecentIds.Memory restored = requireNonNull(RecentIds.restore(newestFirst, 16));
    assertEquals(newestFirst, RecentIds.list(restored, restored.made));
    Line line = new Line(restored, restored.made, 16);
    for (int i = 26; i < 34; i++) {
      assertFalse(line.remember("r-" + i), "r-" + i);
    }
    assertSame(restored, line.memory);
    assertTrue(line.remember("r-34"));
    assertEquals(17, RecentIds.list(line.memory, line.end).size());
  }

  @Test
  void leads_differingOnlyInTheirRecentIds_areNotEqual() {
    Funnel f =
        Funnel.builder("notes")
            .stage("new")
            .entry()
            .stage("done")
            .won()
            .on("note")
            .from("new")
            .on("finish")
            .from("new")
            .to("done")
            .build();
    Lead lead = f.enter("l", "ads", T0).lead();
    Lead a = f.fire(lead, Event.of("a", "note", T0)).lead();
    Lead b = f.fire(lead, Event.of("b", "note", T0)).lead();
    assertNotEquals(a, b);
    assertNotEquals(lead, a);
    assertEquals(a, a.toBuilder().build());
    assertNotSame(a, a.toBuilder().build());
  }
}
