package dev.funnel;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A funnel's contact pressure: its quiet hours, its frequency caps, and the time zone read for a
 * person whose own zone is unknown. It is checked when a message falls due, not when it was
 * scheduled, by {@link ContactGate}. A person's zone is the lead attribute {@value #ZONE_ATTRIBUTE}
 * holding a region id such as {@code "Europe/Berlin"}; a lead without it, or with a value that is
 * no known zone, is read in {@code fallbackZone}. Immutable and thread-safe.
 *
 * @param quietHours the quiet hours, or null for none
 * @param fallbackZone the zone for a person whose own is unknown
 * @param caps the frequency caps, in declaration order
 */
public record ContactPolicy(
    @Nullable QuietHours quietHours, ZoneId fallbackZone, ImmutableList<FrequencyCap> caps) {

  /** The lead attribute that holds a person's time zone. */
  public static final String ZONE_ATTRIBUTE = "time-zone";

  /** No quiet hours and no caps, read in UTC. */
  public static final ContactPolicy NONE =
      new ContactPolicy(null, ZoneOffset.UTC, ImmutableList.of());

  /**
   * Creates a policy.
   *
   * @param quietHours the quiet hours, or null for none
   * @param fallbackZone the zone for a person whose own is unknown
   * @param caps the frequency caps
   */
  public ContactPolicy {
    requireNonNull(fallbackZone, "fallbackZone");
    caps = ImmutableList.copyOf(caps);
  }

  /**
   * Returns whether the policy holds anything to check.
   *
   * @return whether there are quiet hours or caps
   */
  public boolean isEmpty() {
    return quietHours == null && caps.isEmpty();
  }

  /**
   * Returns the quiet hours, if any.
   *
   * @return the quiet hours, or empty
   */
  public Optional<QuietHours> quiet() {
    return Optional.ofNullable(quietHours);
  }

  /**
   * Returns the time zone a lead's local times are read in: its {@value #ZONE_ATTRIBUTE} attribute
   * if that names a known zone, otherwise the fallback.
   *
   * @param lead the lead
   * @return its time zone
   */
  public ZoneId zoneOf(Lead lead) {
    Object zone = lead.attributes().get(ZONE_ATTRIBUTE);
    if (zone instanceof String s) {
      try {
        return ZoneId.of(s);
      } catch (DateTimeException e) {
        return fallbackZone;
      }
    }
    return fallbackZone;
  }
}
