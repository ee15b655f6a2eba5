/**
 * JSON and YAML for funnel definitions, leads, events, steps, outcomes, migrations and journals:
 * the funnel format.
 *
 * <p>Start at {@link dev.funnel.jackson.FunnelFormat} to read untrusted documents and write them,
 * or register {@link dev.funnel.jackson.FunnelModule} on a Jackson 2 mapper. Errors are {@link
 * dev.funnel.jackson.FunnelFormatException}s. The JSON Schemas are {@link
 * dev.funnel.jackson.FunnelFormat#definitionSchema()}, {@link
 * dev.funnel.jackson.FunnelFormat#migrationSchema()} and {@link
 * dev.funnel.jackson.FunnelFormat#journalSchema()}.
 *
 * <h2>The funnel format, version 1</h2>
 *
 * <p>The same model in JSON and YAML. Field names are the core accessors' names. Fields are written
 * in the order listed below; readers accept any order. Defaults are left out when writing and
 * assumed when reading. Every object is closed: a property not listed is an error, and so is a
 * duplicate key, a {@code null}, or a value of another JSON type (no coercion). New fields are
 * added to this list with a default, so documents of older versions keep their meaning.
 *
 * <p>A document is UTF-8, UTF-16 or UTF-32, told by its byte order mark or, without one, by where
 * the zero bytes of its first character are (as JSON and YAML 1.2 say), from a stream in either
 * syntax. The limits of {@link dev.funnel.jackson.FunnelFormat} hold while it is read, so any
 * document is read or refused in time and memory linear in its size. The token limit ({@link
 * dev.funnel.jackson.FunnelFormat#MAX_TOKENS}) is the newest: a document of more tokens, read
 * before, is now refused with {@code TOO_LARGE}, since reading one within the size limit could take
 * hundreds of milliseconds.
 *
 * <p>Values:
 *
 * <ul>
 *   <li><b>id</b> (stage, event type, offer, lead, channel, owner, segment, template, attribute and
 *       payload names...): a string by the rule of {@link dev.funnel.Ids}: not blank, no whitespace
 *       at either end, no control characters (NUL, TAB, CR, LF, ESC...), no format characters
 *       (bidirectional overrides, zero-width characters...), no line or paragraph separators, no
 *       noncharacters and no unpaired surrogates.
 *   <li><b>text</b> (names, reasons, string values): any string without unpaired surrogates, which
 *       no syntax could write back as they were read; control characters are kept and escaped.
 *   <li><b>duration</b>: ISO-8601, written with whole days as days: {@code "P2D"}, {@code
 *       "P14DT12H"}, {@code "PT30M"}; any form {@link java.time.Duration#parse} reads is read, up
 *       to {@link dev.funnel.Bounds#LONGEST} (36,525 days).
 *   <li><b>instant</b>: ISO-8601, written in UTC, {@code "2026-03-02T09:00:00Z"}, from {@link
 *       dev.funnel.Bounds#EARLIEST} to {@link dev.funnel.Bounds#LATEST} (the years 1 to 9999; a
 *       pending timer's {@code due} up to {@link dev.funnel.Bounds#LATEST_DUE}). An instant written
 *       with an offset, {@code "2026-03-02T10:00:00+01:00"}, is the same moment in UTC and is
 *       written back as {@code "2026-03-02T09:00:00Z"}.
 *   <li><b>money</b>: an object {@code {"amount": "9.90", "currency": "EUR"}}: the amount a decimal
 *       string (never a JSON number, so no floating point) with at most the currency's fraction
 *       digits, written with exactly that many; the currency an ISO 4217 code.
 *   <li><b>scalar</b> (attribute, payload and parameter values): a string, a boolean, a whole
 *       number (read as a {@code Long}, or an exact decimal when too large) or a decimal number
 *       (read as an exact {@code BigDecimal}, scale kept). A decimal of no fraction digits, such as
 *       {@code 1E0}, {@code 1E+2} or YAML's {@code 1.}, is read as the whole number it equals,
 *       since that is how it is written back (a journal's arrival read it as a decimal before,
 *       which did not read back equal; leads, events and actions made it a whole number already).
 *   <li><b>enum constants</b> in lower case with hyphens: {@code "lead-magnet"}, {@code "won"}.
 * </ul>
 *
 * <p>Definition (carries {@code "format": 1}):
 *
 * <ul>
 *   <li>{@code format} (required, 1), {@code id} (required), {@code version} (default 1; always
 *       written), {@code stages} (required), {@code offers}, {@code currencies} (a non-empty array
 *       of distinct ISO 4217 codes, absent if the funnel states none; see {@link
 *       dev.funnel.Funnel#currencies()}), {@code transitions}, {@code timers} (each an array, empty
 *       if absent).
 *   <li>stage: {@code id}, {@code kind} ({@code active} (default), {@code won}, {@code lost},
 *       {@code junk}), {@code entry} (default false), {@code manual} (default false), {@code
 *       converts} (default false; only on an active stage: reaching it counts as a conversion),
 *       {@code reason} (required for junk, refused otherwise), {@code onEnter} (array of actions
 *       run whenever a lead enters the stage, by any way in, after the actions of the transition
 *       that brought it in and before the stage's timers; a series' message at +0 is written here).
 *   <li>offer: {@code id}, {@code tier} ({@code lead-magnet}, {@code tripwire}, {@code
 *       core-product}, {@code profit-maximizer}), {@code name} (default: the id), {@code price}
 *       (money; absent for free).
 *   <li>transition: {@code event}, {@code from} (array of stage ids) or {@code "fromAny": true},
 *       {@code to} (absent: the lead stays), {@code guard} (a condition; absent: unguarded), {@code
 *       actions} (array), {@code priority} (default 0).
 *   <li>timer: {@code stage}, {@code after} (duration), {@code event}.
 *   <li>contact (an object, optional; contact pressure, checked when a message falls due): {@code
 *       timeZone} (a region id such as {@code "Europe/Berlin"}, read for a lead whose {@code
 *       time-zone} attribute is missing or unknown; default UTC), {@code quietHours} ({@code start}
 *       and {@code end} as local times {@code "22:00"}, across midnight when end is before start;
 *       {@code mode} {@code hold}, the default, or {@code skip}), {@code caps} (array of {@code
 *       channel}, {@code max} (positive), {@code per} one of {@code day}, {@code window}, {@code
 *       journey}, and {@code window} (duration) for {@code per: window} only). The same cap twice
 *       is {@code INVALID_CONTACT_POLICY}.
 *   <li>experiments (array, optional): {@code id}, {@code salt}, {@code arms} (at least two, of
 *       {@code name}, {@code weight} (positive) and {@code holdout} (default false)). A lead's arm
 *       is the fixed hash of the salt and its id (see {@code dev.funnel.Experiment}); entering sets
 *       its attribute {@code arm:<id>}. An id twice, fewer than two arms or an arm name twice is
 *       {@code INVALID_EXPERIMENT}.
 *   <li>{@code goals} (array), goal: {@code id}, {@code event} and/or {@code condition}, {@code
 *       within} (duration from entry; absent: no limit), {@code to} (the stage it takes the lead to
 *       from any active stage; its step has the event type {@code goal/<id>}).
 *   <li>{@code exits} (array), exit: {@code reason}, {@code event} and/or {@code condition}, {@code
 *       to} (a terminal stage; its step has the event type {@code exit/<reason>}).
 *   <li>{@code reEntry}: {@code maxEntries} (absent: unlimited), {@code minInterval} (duration),
 *       {@code whileInside} ({@code refuse} (default), {@code restart}, {@code parallel}), {@code
 *       key} (the payload name of parallel journeys; only for {@code parallel}). Absent: one entry.
 *   <li>{@code scoring}: {@code rules} (required; array of {@code event}, {@code points} (not 0),
 *       {@code condition}), {@code decay} ({@code points}, {@code every}), {@code thresholds}
 *       (array of {@code points}, {@code fire}: the event fired when the score rises to them).
 *   <li>{@code waits} (array), wait: {@code stage}, {@code until} (array of {@code event}, {@code
 *       to}), {@code timeout} ({@code after}, {@code to}; fired as {@code <stage>/timeout}), {@code
 *       resetOn} (an event that restarts the timeout). Read into the transitions and timer it
 *       compiles into, and written as those.
 * </ul>
 *
 * <p>Conditions are objects with exactly one kind, named by its property: {@code {"attr": "total",
 * "gt": 0}} and {@code {"payload": "total", "gt": 0}} with one operator of {@code eq} (scalar),
 * {@code in} (non-empty array of scalars), {@code gt}, {@code ge}, {@code lt}, {@code le} (numbers)
 * or {@code "exists": true}; {@code {"all": [...]}}, {@code {"any": [...]}}, {@code {"not":
 * {...}}}, {@code {"channel": ["ads", "seo"]}}, {@code {"owner": "anna"}}, {@code {"segment":
 * "vip"}}, {@code {"bought": "mini-set"}}, {@code {"offer": "mini-set"}} (the event names the
 * offer), {@code {"timeInStage": "P2D"}}, {@code {"custom": "is-vip"}} (a predicate bound with
 * {@code Funnel.withGuards}) and {@code {"always": true}}.
 *
 * <p>Actions are objects with exactly one kind, named by its property, whose value holds the
 * parameters: {@code {"send": {"template": "welcome-1", "channel": "email"}}} ({@code channel}
 * optional; {@code purpose} optional, {@code marketing} by default or {@code transactional}, which
 * quiet hours, caps and holdouts do not hold back), {@code {"assign": {"owner": "anna"}}} or {@code
 * {"assign": {"pool": "sales"}}}, {@code {"set": {"attribute": "tier", "value": "gold"}}} ({@code
 * value} any scalar), {@code {"remove": {"attribute": "tier"}}}, {@code {"segment": {"segment":
 * "vip"}}}, {@code {"present": {"offer": "mini-set"}}}, {@code {"hand-off": {"funnel":
 * "repeat-sales", "stage": "welcome"}}}, and for every other action {@code {"custom": {"name":
 * "crm-sync", "params": {"list": "buyers"}}}} ({@code params} optional). Built-in actions take only
 * their listed parameters.
 *
 * <p>Kind names come from the format's own registry; a kind outside it, a property starting with
 * {@code @} (such as {@code @class} or {@code @type}) and a YAML tag are refused as {@code
 * UNKNOWN_TYPE}. No class is ever looked up or loaded because of a document.
 *
 * <p>Lead (carries {@code "format": 1}): {@code format}, {@code id}, {@code funnelId}, {@code
 * funnelVersion} (default 1), {@code stage}, {@code enteredAt}, {@code updatedAt} (default:
 * enteredAt), {@code version} (default 0), {@code channel}, {@code owner}, {@code attributes}
 * (object of scalars), {@code segments} (array), {@code purchases} (array of {@code offer}, {@code
 * amount}, {@code at}, {@code eventId}), {@code timers} (pending: array of {@code stage}, {@code
 * event}, {@code due}), {@code recentEventIds} (newest first, at most 32), {@code journey} (in
 * funnels with journey controls: {@code entries} (times, oldest first), {@code score} and {@code
 * scoreSince}, {@code goals} reached since the last entry). A lead read back continues exactly
 * where it was.
 *
 * <p>Event: {@code id}, {@code type}, {@code at}, {@code payload} (object of scalars), {@code
 * offer}, {@code amount} (money; needs an offer), {@code actor}, {@code reason} (any string). Step:
 * {@code funnelId}, {@code leadId}, {@code from}, {@code to}, {@code eventId}, {@code eventType},
 * {@code at}, {@code channel}, {@code owner}, {@code offer}, {@code amount}, {@code actor}, {@code
 * reason}, {@code version}; absent values are left out. Outcome (written only): {@code status},
 * {@code refusal}, {@code lead}, {@code effects} (actions as above, and {@code {"timerScheduled":
 * {...}}} or {@code {"timerCancelled": {...}}} with a pending timer), {@code steps}. Events, steps
 * and outcomes carry no format field.
 *
 * <p>Migration (carries {@code "format": 1}; read with the two definitions it joins, by {@link
 * dev.funnel.jackson.FunnelFormat#readMigration(String, Syntax, dev.funnel.Funnel,
 * dev.funnel.Funnel)}): {@code format}, {@code funnel} (the funnel's id), {@code from} and {@code
 * to} (the versions it joins), {@code renames} (array of {@code stage} of the old version and
 * {@code to}, its name in the new one: the same stage, whose leads keep their stage entry time),
 * {@code moves} (array of {@code stage} and {@code to}: its leads enter that stage of the new
 * version at the migration), {@code timers} (array of {@code stage}, {@code event} and {@code
 * policy}: {@code keep}, {@code restart}, {@code recompute} or {@code drop}). A stage the new
 * version also has keeps its leads, and a timer it declares alike is kept, unless said otherwise. A
 * stage renamed or moved twice, or a timer given two policies, is {@code INVALID_VALUE}; a
 * migration that does not fit its definitions is {@code INVALID_MIGRATION}, every problem located.
 *
 * <p>Journal (carries {@code "format": 1}): {@code format}, {@code end} (an instant; default: the
 * last arrival's or event's time), and either {@code leads} (array of {@code id}, {@code channel},
 * {@code owner}, {@code attributes}, {@code stage} (an entry stage; absent: the first), {@code at}
 * and {@code events}, as above, in the order they came) or {@code steps} (array of steps, as above,
 * read as {@code Journal.fromSteps} reads them: a lead's entry step is its arrival and the steps of
 * events its events, while timers and migrations are left to the replay).
 *
 * <p>A definition in YAML:
 *
 * <pre>{@code
 * format: 1
 * id: online-shop
 * version: 1
 * stages:
 *   - {id: visitor, entry: true}
 *   - id: cold-lead
 *   - {id: hot-lead, manual: true}
 *   - {id: buyer, kind: won}
 *   - {id: lost, kind: lost}
 * offers:
 *   - {id: coupon-500, tier: lead-magnet}
 *   - {id: mini-set, tier: tripwire, price: {amount: "9.90", currency: EUR}}
 * transitions:
 *   - event: contact-left
 *     from: [visitor]
 *     to: cold-lead
 *     actions:
 *       - send: {template: welcome-1}
 *       - present: {offer: coupon-500}
 *   - {event: added-to-cart, from: [cold-lead], to: hot-lead}
 *   - event: paid
 *     from: [cold-lead, hot-lead]
 *     to: buyer
 *     guard: {all: [{payload: total, gt: 0}, {not: {channel: [test-traffic]}}]}
 *   - {event: gone-cold, from: [cold-lead, hot-lead], to: lost}
 *   - {event: unsubscribed, fromAny: true, to: lost, priority: 10}
 * timers:
 *   - {stage: cold-lead, after: P7D, event: gone-cold}
 *   - {stage: hot-lead, after: P14D, event: gone-cold}
 * }</pre>
 *
 * <p>YAML is read as data only: no anchors, aliases or tags, and the YAML 1.1 words {@code yes},
 * {@code no}, {@code on}, {@code off} are strings, not booleans.
 */
@CheckReturnValue
@NullMarked
package dev.funnel.jackson;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
