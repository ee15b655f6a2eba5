package dev.funnel.test;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.collect.ImmutableList;
import dev.funnel.Lead;
import dev.funnel.runtime.EffectKey;
import dev.funnel.runtime.InMemoryLeadStore;
import dev.funnel.runtime.LeadKey;
import dev.funnel.runtime.LeadStore;
import dev.funnel.runtime.OutboxEntry;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The forwarding store forwards every call of the store to its delegate. */
final class ForwardingLeadStoreTest {

  @Test
  void everyMethodOfTheStore_isForwarded() {
    List<String> notOverridden = new ArrayList<>();
    for (Method m : LeadStore.class.getMethods()) {
      if (Modifier.isStatic(m.getModifiers())) {
        continue;
      }
      try {
        Method own =
            ForwardingLeadStore.class.getDeclaredMethod(m.getName(), m.getParameterTypes());
        assertThat(own.getDeclaringClass()).isEqualTo(ForwardingLeadStore.class);
      } catch (NoSuchMethodException e) {
        notOverridden.add(m.getName());
      }
    }
    assertThat(notOverridden).isEmpty();
  }

  @Test
  void anOverride_seesTheCallsAndTheRestGoToTheDelegate() {
    InMemoryLeadStore memory = new InMemoryLeadStore();
    List<LeadKey> loads = new ArrayList<>();
    LeadStore store =
        new ForwardingLeadStore() {
          @Override
          protected LeadStore delegate() {
            return memory;
          }

          @Override
          public Optional<Lead> load(LeadKey key) {
            loads.add(key);
            return super.load(key);
          }
        };
    Lead lead = StoreContractGroup.lead("shop", "a", 0, "anna", LeadStoreContract.T0);
    OutboxEntry entry = StoreContractGroup.entry("a", "evt-1", 0);

    boolean written = store.commit(StoreContractGroup.insert(lead, entry));

    assertThat(written).isTrue();
    assertThat(store.load(new LeadKey("shop", "a"))).contains(lead);
    assertThat(loads).containsExactly(new LeadKey("shop", "a"));
    assertThat(memory.size()).isEqualTo(1);
    assertThat(store.pinnedTo("shop", 1, "", 10)).containsExactly(new LeadKey("shop", "a"));
    assertThat(store.countPinnedTo("shop", 1)).isEqualTo(1);
    assertThat(store.activeLeadsOwnedBy("anna")).isEqualTo(1);
    assertThat(store.loadDue(Instant.MAX, 10)).containsExactly(lead);
    assertThat(store.pending(10)).containsExactly(entry);
    assertThat(store.deliveredAll(ImmutableList.of(new EffectKey("shop", "a", "evt-1", 0))))
        .isEqualTo(1);
    assertThat(store.toString()).isEqualTo(memory.toString());
  }
}
