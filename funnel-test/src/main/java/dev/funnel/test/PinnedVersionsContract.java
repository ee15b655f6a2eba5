package dev.funnel.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.collect.ImmutableList;
import dev.funnel.Lead;
import dev.funnel.runtime.LeadKey;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The lead store contract's tests of one guarantee. The leads pinned to a funnel version: listed in
 * pages by lead id and counted, under the version each lead was last committed with. Run through
 * {@link LeadStoreContract}, whose store each test uses.
 */
public abstract class PinnedVersionsContract extends StoreContractGroup {

  PinnedVersionsContract(LeadStoreContract contract) {
    super(contract);
  }

  /** A lead of a funnel version, otherwise as {@link LeadStoreContract}'s fixture makes it. */
  static Lead pinned(String funnelId, String id, int funnelVersion, long version) {
    return lead(funnelId, id, version, null).toBuilder().funnelVersion(funnelVersion).build();
  }

  /** A keyset walk from the empty id visits every lead of the version once, in lead-id order. */
  @Test
  public void pinnedTo_walksTheLeadsOfOneVersionInPagesByLeadId() {
    for (String id : List.of("d", "a", "e", "c", "b")) {
      store().commit(insert(pinned(SHOP, id, 1, 0)));
    }
    store().commit(insert(pinned(SHOP, "aa", 2, 0)));
    store().commit(insert(pinned(SAAS, "ab", 1, 0)));

    List<ImmutableList<LeadKey>> pages = new ArrayList<>();
    String after = "";
    // Bounded, so a store that repeats a page fails the test rather than hanging it.
    for (int n = 0; n < 10; n++) {
      ImmutableList<LeadKey> page = store().pinnedTo(SHOP, 1, after, 2);
      if (page.isEmpty()) {
        break;
      }
      pages.add(page);
      after = page.get(page.size() - 1).leadId();
    }

    assertThat(pages)
        .containsExactly(
            ImmutableList.of(key(SHOP, "a"), key(SHOP, "b")),
            ImmutableList.of(key(SHOP, "c"), key(SHOP, "d")),
            ImmutableList.of(key(SHOP, "e")));
    assertThat(store().pinnedTo(SHOP, 1, "b", 10))
        .as("strictly after the id given")
        .containsExactly(key(SHOP, "c"), key(SHOP, "d"), key(SHOP, "e"));
    assertThat(store().pinnedTo(SHOP, 2, "", 10)).containsExactly(key(SHOP, "aa"));
    assertThat(store().pinnedTo(SAAS, 1, "", 10)).containsExactly(key(SAAS, "ab"));
    assertThat(store().pinnedTo(SHOP, 3, "", 10)).isEmpty();
  }

  /** A lead committed on another version leaves its old version's listing and count, and back. */
  @Test
  public void pinnedTo_followsALeadMovedToAnotherVersion() {
    store().commit(insert(pinned(SHOP, "a", 1, 0)));
    store().commit(insert(pinned(SHOP, "b", 1, 0)));

    store().commit(update(0, pinned(SHOP, "a", 2, 1)));
    store().commit(update(0, pinned(SHOP, "b", 2, 1)));
    store().commit(update(1, pinned(SHOP, "b", 1, 2)));

    assertThat(store().pinnedTo(SHOP, 1, "", 10)).containsExactly(key(SHOP, "b"));
    assertThat(store().pinnedTo(SHOP, 2, "", 10)).containsExactly(key(SHOP, "a"));
    assertThat(store().countPinnedTo(SHOP, 1)).isEqualTo(1);
    assertThat(store().countPinnedTo(SHOP, 2)).isEqualTo(1);
  }

  /** A refused commit moves no lead from its version. */
  @Test
  public void pinnedTo_refusedCommit_leavesTheLeadWhereItWas() {
    store().commit(insert(pinned(SHOP, "a", 1, 0)));

    boolean written = store().commit(update(5, pinned(SHOP, "a", 2, 6)));

    assertThat(written).isFalse();
    assertThat(store().pinnedTo(SHOP, 1, "", 10)).containsExactly(key(SHOP, "a"));
    assertThat(store().countPinnedTo(SHOP, 2)).isZero();
  }

  /** The count is of one funnel's version; other funnels and versions do not count. */
  @Test
  public void countPinnedTo_countsTheLeadsOfOneFunnelVersion() {
    for (int i = 0; i < 7; i++) {
      store().commit(insert(pinned(SHOP, "lead-" + i, i < 5 ? 1 : 2, 0)));
    }
    store().commit(insert(pinned(SAAS, "lead-0", 1, 0)));

    assertThat(store().countPinnedTo(SHOP, 1)).isEqualTo(5);
    assertThat(store().countPinnedTo(SHOP, 2)).isEqualTo(2);
    assertThat(store().countPinnedTo(SAAS, 1)).isEqualTo(1);
    assertThat(store().countPinnedTo(SAAS, 2)).isZero();
    assertThat(store().countPinnedTo("none", 1)).isZero();
  }

  /** A version or limit that is not positive is refused. */
  @Test
  public void pinnedTo_versionOrLimitNotPositive_isRefused() {
    assertThatThrownBy(() -> store().pinnedTo(SHOP, 0, "", 10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store().pinnedTo(SHOP, 1, "", 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store().countPinnedTo(SHOP, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
