package dev.funnel.runtime;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import dev.funnel.Bounds;
import dev.funnel.Catalog;
import dev.funnel.Event;
import dev.funnel.Funnel;
import dev.funnel.Lead;
import dev.funnel.Outcome;
import dev.funnel.Purpose;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where people come into the runtime and leave it: entering a new lead, recording an {@value
 * FunnelRuntime#UNSUBSCRIBED} event's withdrawn consent before the event fires, and erasing a
 * person from every funnel, the store and the contact book. {@link FunnelRuntime} calls it;
 * thread-safe as the runtime is.
 */
@SuppressWarnings("try") // An Mdc resource only scopes the logging context; bodies never name it.
final class Intake {
  // The runtime's own logger: these are the runtime's messages.
  private static final Logger log = LoggerFactory.getLogger(FunnelRuntime.class);

  private final Catalog catalog;
  private final LeadStore store;
  private final ContactBook contacts;
  private final Changes changes;

  Intake(Catalog catalog, LeadStore store, ContactBook contacts, Changes changes) {
    this.catalog = catalog;
    this.store = store;
    this.contacts = contacts;
    this.changes = changes;
  }

  /** Enters a new lead, as {@link FunnelRuntime#enter(Funnel.Entry, Instant)} describes. */
  Receipt enter(Funnel.Entry entry, Instant at) {
    Outcome entered = entry.enter(at);
    Lead lead = entered.lead();
    Funnel funnel =
        catalog
            .funnelOf(lead)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "funnel '"
                            + lead.funnelId()
                            + "' version "
                            + lead.funnelVersion()
                            + " is not in the runtime's catalog"));
    Mdc saved = Mdc.put(lead.funnelId(), lead.id(), null);
    try {
      return changes.insert(funnel, entered, new Call());
    } finally {
      saved.restore();
    }
  }

  /**
   * Records the consent an {@value FunnelRuntime#UNSUBSCRIBED} event withdraws, before the event
   * fires; other events change nothing here.
   */
  void unsubscribe(String leadId, Event event) {
    if (isUnsubscribe(event)) {
      Consent.withdraw(contacts, leadId, channelOf(event), Purpose.MARKETING, event.at());
    }
  }

  /** Returns whether an event is an {@value FunnelRuntime#UNSUBSCRIBED} event. */
  static boolean isUnsubscribe(Event event) {
    return event.type().equals(FunnelRuntime.UNSUBSCRIBED);
  }

  /**
   * Checks that an {@value FunnelRuntime#UNSUBSCRIBED} event names its channel, as {@link
   * #unsubscribe} will need; other events pass.
   */
  static void check(Event event) {
    if (isUnsubscribe(event)) {
      String unused = channelOf(event);
    }
  }

  private static String channelOf(Event event) {
    Object channel = event.payload().get(FunnelRuntime.UNSUBSCRIBED_CHANNEL);
    checkArgument(
        channel instanceof String,
        "event '%s' of type '%s' lacks its '%s'",
        event.id(),
        FunnelRuntime.UNSUBSCRIBED,
        FunnelRuntime.UNSUBSCRIBED_CHANNEL);
    return (String) channel;
  }

  /** Erases a person everywhere, as {@link FunnelRuntime#erase} describes. */
  ImmutableList<Receipt> erase(String personId, Event request) {
    ImmutableList.Builder<Receipt> receipts = ImmutableList.builder();
    Set<String> seen = new HashSet<>();
    for (Funnel f : catalog.all()) {
      if (!seen.add(f.id())) {
        continue;
      }
      LeadKey key = new LeadKey(f.id(), personId);
      Mdc saved = Mdc.put(f.id(), personId, request.id());
      try {
        // Advancing to the earliest instant fires nothing: an erasure sends no due message.
        Receipt r =
            changes.change(
                key,
                Bounds.EARLIEST,
                request,
                request.id(),
                (funnel, lead) -> funnel.erase(lead, request),
                new Call());
        if (r.status() != Receipt.Status.NO_LEAD) {
          receipts.add(r);
        }
      } finally {
        saved.restore();
      }
    }
    int dropped = store.erase(personId);
    contacts.erase(personId);
    log.debug("person erased; {} outbox entries dropped", dropped);
    return receipts.build();
  }
}
