package dev.funnel.jackson;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Strings in the order they were added, each at most once: the property names of an object, the
 * segments of a lead. A few are compared one by one; past {@link #LINEAR}, an open-addressing table
 * of each string's index, plus one (0: an empty slot), finds them: for 50,000 strings a tenth of
 * the bytes of a {@code HashSet}'s nodes and table, and no node allocated a string (JFR of
 * ReadLoop, see BENCHMARKS.md). Not thread-safe.
 */
final class Distinct {
  /** How many strings are compared one by one before they are looked up in a hash table. */
  private static final int LINEAR = 16;

  private String[] all = new String[4];
  private int count;
  private int @Nullable [] table;

  /** Adds a string; returns false if it was added before. */
  boolean add(String s) {
    String[] a = all;
    int[] t = table;
    if (t == null) {
      for (int i = 0; i < count; i++) {
        if (a[i].equals(s)) {
          return false;
        }
      }
    } else {
      int mask = t.length - 1;
      int slot = slot(s.hashCode(), mask);
      for (int at; (at = t[slot]) != 0; slot = (slot + 1) & mask) {
        if (a[at - 1].equals(s)) {
          return false;
        }
      }
    }
    if (count == a.length) {
      a = Arrays.copyOf(a, 2 * count);
      all = a;
    }
    a[count++] = s;
    if (t != null && 2 * count <= t.length) {
      int mask = t.length - 1;
      int slot = slot(s.hashCode(), mask);
      while (t[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      t[slot] = count;
    } else if (count > LINEAR) {
      index(a);
    }
    return true;
  }

  /** Returns how many strings were added. */
  int size() {
    return count;
  }

  /** Returns the string added at an index, less than {@link #size}. */
  String get(int i) {
    return all[i];
  }

  /** Makes the table of the strings so far, with room for as many again. */
  private void index(String[] a) {
    int[] t = new int[Integer.highestOneBit(count) * 4];
    int mask = t.length - 1;
    for (int i = 0; i < count; i++) {
      int slot = slot(a[i].hashCode(), mask);
      while (t[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      t[slot] = i + 1;
    }
    table = t;
  }

  /**
   * Returns a string's first slot in a table of {@code mask + 1} slots: the top bits of its hash
   * times the golden ratio, so that strings whose hashes run in sequence ({@code k1}, {@code k2},
   * ...) spread over the table instead of filling runs of it, which linear probing would walk
   * through one by one.
   */
  private static int slot(int hash, int mask) {
    return (hash * 0x9E3779B9) >>> Integer.numberOfLeadingZeros(mask);
  }
}
