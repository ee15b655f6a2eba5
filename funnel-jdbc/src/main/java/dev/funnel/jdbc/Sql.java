package dev.funnel.jdbc;

/**
 * The SQL text of every statement the store runs, written once per store for its table names.
 * Immutable.
 */
final class Sql {
  /** The most event ids {@link #purge} deletes in one statement. */
  static final int PURGE_BATCH = 10_000;

  /** The columns {@link Rows#entries} reads, in its order. */
  private static final String OUTBOX_COLUMNS =
      "seq, funnel_id, lead_id, event_id, effect_index, action, at, attempts, next_attempt";

  /** Outbox rows pending under the keys given as four arrays: funnel, lead, event, index. */
  private static final String DELIVERED_KEYS =
      " (funnel_id, lead_id, event_id, effect_index) IN (SELECT * FROM unnest(?::text[],"
          + " ?::text[], ?::text[], ?::int4[])) AND NOT parked";

  final String load;
  final String loadAll;
  final String insert;
  final String update;
  final String due;
  final String dueBy;
  final String claim;
  final String delivered;
  final String retry;
  final String park;
  final String requeue;
  final String discard;
  final String erase;
  final String pending;
  final String parked;
  final String accepted;
  final String purge;
  final String owned;
  final String deleteDelivered;
  final String loadDue;
  final String commitAll;
  final String pinned;
  final String countPinned;

  /**
   * Writes the statements for a store's tables; with {@code deletesInCommit} the commit also
   * deletes delivered outbox entries given to it (see {@link LaterDeletes}).
   */
  Sql(Tables tables, boolean deletesInCommit) {
    String lead = tables.lead();
    String outbox = tables.outbox();
    String acceptedTable = tables.accepted();
    this.load = "SELECT version, body FROM " + lead + " WHERE funnel_id = ? AND lead_id = ?";
    this.loadAll =
        "SELECT l.funnel_id, l.lead_id, l.version, l.body FROM "
            + lead
            + " l JOIN unnest(?::text[], ?::text[]) AS k (funnel_id, lead_id)"
            + " ON l.funnel_id = k.funnel_id AND l.lead_id = k.lead_id";
    // One statement per commit: the lead is written first; the outbox rows and the event ids are
    // written only for a lead row the first part returned, so a refused compare-and-set writes
    // nothing at all. The outbox rows keep the order given (WITH ORDINALITY), so the identity
    // column numbers them in commit order.
    String tail =
        ", o AS (INSERT INTO "
            + outbox
            + " (funnel_id, lead_id, event_id, effect_index, action, at, attempts, next_attempt,"
            + " lease_until)"
            + " SELECT l.funnel_id, l.lead_id, x.event_id, x.effect_index, x.action::jsonb,"
            + " x.at::timestamptz, x.attempts, x.next_attempt::timestamptz, ?"
            + " FROM l CROSS JOIN unnest(?::text[], ?::int4[], ?::text[], ?::text[], ?::int4[],"
            + " ?::text[]) WITH ORDINALITY"
            + " AS x(event_id, effect_index, action, at, attempts, next_attempt, ord)"
            + " ORDER BY x.ord"
            + " ON CONFLICT (funnel_id, lead_id, event_id, effect_index) DO NOTHING)"
            + ", a AS (INSERT INTO "
            + acceptedTable
            + " (funnel_id, lead_id, event_id, committed_at)"
            + " SELECT l.funnel_id, l.lead_id, e, ? FROM l CROSS JOIN unnest(?::text[]) AS e"
            + " ON CONFLICT (funnel_id, lead_id, event_id) DO NOTHING)"
            + (deletesInCommit
                ? ", d AS (DELETE FROM " + outbox + " WHERE" + DELIVERED_KEYS + ")"
                : "")
            + " SELECT count(*) FROM l";
    this.insert =
        "WITH l AS (INSERT INTO "
            + lead
            + " (version, stage, active, next_due, owner, updated_at, body, funnel_id, lead_id)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)"
            + " ON CONFLICT (funnel_id, lead_id) DO NOTHING RETURNING funnel_id, lead_id)"
            + tail;
    // The update refuses, with the version, a commit one of whose event ids the lead accepted
    // before, so a duplicate event writes nothing; the new version releases the lead's timer claim.
    this.update =
        "WITH l AS (UPDATE "
            + lead
            + " t SET version = ?, stage = ?, active = ?, next_due = ?, owner = ?, updated_at = ?,"
            + " body = ?::jsonb"
            + " WHERE funnel_id = ? AND lead_id = ? AND version = ?"
            + " AND NOT EXISTS (SELECT 1 FROM "
            + acceptedTable
            + " a WHERE a.funnel_id = t.funnel_id AND a.lead_id = t.lead_id"
            + " AND a.event_id = ANY (?::text[]))"
            + " RETURNING t.funnel_id, t.lead_id)"
            + tail;
    String dueColumns = "SELECT next_due, funnel_id, lead_id FROM " + lead;
    String dueOrder = " ORDER BY next_due, funnel_id, lead_id LIMIT ?";
    this.due = dueColumns + " WHERE next_due IS NOT NULL" + dueOrder;
    this.dueBy = dueColumns + " WHERE next_due IS NOT NULL AND next_due <= ?" + dueOrder;
    this.claim =
        "UPDATE "
            + outbox
            + " o SET lease_until = ? FROM (SELECT seq FROM "
            + outbox
            + " WHERE NOT parked AND ready_at <= ? ORDER BY seq LIMIT ? FOR UPDATE SKIP LOCKED) c"
            + " WHERE o.seq = c.seq RETURNING o.seq, o.funnel_id, o.lead_id, o.event_id,"
            + " o.effect_index, o.action, o.at, o.attempts, o.next_attempt";
    String key = " WHERE funnel_id = ? AND lead_id = ? AND event_id = ? AND effect_index = ?";
    this.delivered = "DELETE FROM " + outbox + key + " AND NOT parked";
    this.retry =
        "UPDATE "
            + outbox
            + " SET attempts = attempts + 1, next_attempt = ?, lease_until = '-infinity'"
            + key
            + " AND NOT parked";
    this.park = "UPDATE " + outbox + " SET parked = true" + key + " AND NOT parked";
    this.requeue =
        "UPDATE "
            + outbox
            + " SET parked = false, attempts = 0, next_attempt = ?, lease_until = '-infinity'"
            + key
            + " AND parked";
    this.discard = "DELETE FROM " + outbox + key + " AND parked";
    this.erase = "DELETE FROM " + outbox + " WHERE lead_id = ?";
    this.pending =
        "SELECT " + OUTBOX_COLUMNS + " FROM " + outbox + " WHERE NOT parked ORDER BY seq LIMIT ?";
    this.parked =
        "SELECT " + OUTBOX_COLUMNS + " FROM " + outbox + " WHERE parked ORDER BY seq LIMIT ?";
    this.accepted =
        "SELECT 1 FROM " + acceptedTable + " WHERE funnel_id = ? AND lead_id = ? AND event_id = ?";
    this.purge =
        "DELETE FROM "
            + acceptedTable
            + " WHERE ctid = ANY (ARRAY (SELECT ctid FROM "
            + acceptedTable
            + " WHERE committed_at < ? LIMIT "
            + PURGE_BATCH
            + "))";
    this.owned = "SELECT count(*) FROM " + lead + " WHERE owner = ? AND active";
    // The funnel version is read from the body with the expression of the pinned-version index
    // (V3__pinned_version_index.sql), written alike so the planner uses it.
    String pinnedTo =
        " WHERE funnel_id = ? AND COALESCE((body ->> 'funnelVersion')::integer, 1) = ?";
    this.pinned =
        "SELECT lead_id FROM " + lead + pinnedTo + " AND lead_id > ? ORDER BY lead_id LIMIT ?";
    this.countPinned = "SELECT count(*) FROM " + lead + pinnedTo;
    // The tick's claim: the earliest due leads no other store holds a live claim on (a claim at
    // the lead's version that has not run out), skipping rows another claim is taking at this
    // moment, claimed for a lease on the database's clock, with their bodies. The claims live in
    // their own unlogged table (V5__timer_claim_table.sql), so the lead row is only locked, not
    // written. The claim is only an arbiter between tickers (their commits' compare-and-set is
    // what keeps a timer from firing twice), so its transaction does not wait for its log flush:
    // a claim lost in a server crash is a claim not made. The upsert takes a lead only if no live
    // claim of another store is there when it writes, so a ticker whose snapshot predates another's
    // claim does not take the lead as well.
    String claims = tables.claim();
    this.loadDue =
        "WITH s AS (SELECT set_config('synchronous_commit', 'off', true))"
            + ", c AS (SELECT t.version, t.body, t.funnel_id, t.lead_id, t.next_due FROM "
            + lead
            + " t WHERE t.next_due IS NOT NULL AND t.next_due <= ? AND NOT EXISTS (SELECT 1 FROM "
            + claims
            + " k WHERE k.funnel_id = t.funnel_id AND k.lead_id = t.lead_id"
            + " AND k.version = t.version AND k.claimed_until >= clock_timestamp()"
            + " AND k.claimed_by <> ?)"
            + " ORDER BY t.next_due, t.funnel_id, t.lead_id LIMIT ? FOR UPDATE OF t SKIP LOCKED)"
            + ", k AS (INSERT INTO "
            + claims
            + " AS k (funnel_id, lead_id, version, claimed_until, claimed_by)"
            + " SELECT c.funnel_id, c.lead_id, c.version,"
            + " clock_timestamp() + CAST(? AS float8) * interval '1 millisecond', ? FROM c, s"
            + " ON CONFLICT (funnel_id, lead_id) DO UPDATE SET version = excluded.version,"
            + " claimed_until = excluded.claimed_until, claimed_by = excluded.claimed_by"
            + " WHERE k.version <> excluded.version OR k.claimed_until < clock_timestamp()"
            + " OR k.claimed_by = excluded.claimed_by"
            + " RETURNING k.funnel_id, k.lead_id)"
            + " SELECT c.version, c.body, c.funnel_id, c.lead_id, c.next_due"
            + " FROM c JOIN k USING (funnel_id, lead_id)";
    // Many commits in one statement, each its own compare-and-set: the commits come as arrays,
    // one element per commit (expected version -1 inserts), and their outbox rows and event ids as
    // arrays naming their lead; rows and ids are written only for the leads written.
    // The bodies come as one JSON array, parsed once, element n the body of commit n.
    this.commitAll =
        "WITH x AS (SELECT x.funnel_id, x.lead_id, x.expected, x.version, x.stage, x.active,"
            + " x.next_due, x.owner, x.updated_at, b.body FROM unnest(?::text[], ?::text[],"
            + " ?::int8[], ?::int8[], ?::text[], ?::bool[], ?::text[], ?::text[], ?::text[])"
            + " WITH ORDINALITY AS x(funnel_id, lead_id, expected, version, stage, active,"
            + " next_due, owner, updated_at, n)"
            + " JOIN jsonb_array_elements(?::jsonb) WITH ORDINALITY AS b(body, n) ON b.n = x.n)"
            + ", z AS (SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[])"
            + " AS z(funnel_id, lead_id, event_id, committed_at))"
            + ", u AS (UPDATE "
            + lead
            + " t SET version = x.version, stage = x.stage, active = x.active,"
            + " next_due = x.next_due::timestamptz, owner = x.owner,"
            + " updated_at = x.updated_at::timestamptz, body = x.body FROM x"
            + " WHERE x.expected >= 0 AND t.funnel_id = x.funnel_id AND t.lead_id = x.lead_id"
            // The accepted ids are looked up by the lead, as in the single update: joined to z
            // instead, the plan scanned the whole table once for every lead of the batch, so a
            // batch took longer the more ids the store remembered (StoreBenchmark, BENCHMARKS.md).
            + " AND t.version = x.expected AND NOT EXISTS (SELECT 1 FROM "
            + acceptedTable
            + " a WHERE a.funnel_id = t.funnel_id AND a.lead_id = t.lead_id AND a.event_id IN"
            + " (SELECT z.event_id FROM z WHERE z.funnel_id = x.funnel_id AND z.lead_id = x.lead_id))"
            + " RETURNING t.funnel_id, t.lead_id)"
            + ", i AS (INSERT INTO "
            + lead
            + " (funnel_id, lead_id, version, stage, active, next_due, owner, updated_at, body)"
            + " SELECT funnel_id, lead_id, version, stage, active, next_due::timestamptz, owner,"
            + " updated_at::timestamptz, body FROM x WHERE expected = -1"
            + " ON CONFLICT (funnel_id, lead_id) DO NOTHING RETURNING funnel_id, lead_id)"
            + ", l AS (SELECT funnel_id, lead_id FROM u UNION ALL SELECT funnel_id, lead_id FROM i)"
            + ", o AS (INSERT INTO "
            + outbox
            + " (funnel_id, lead_id, event_id, effect_index, action, at, attempts, next_attempt,"
            + " lease_until)"
            + " SELECT y.funnel_id, y.lead_id, y.event_id, y.effect_index, y.action::jsonb,"
            + " y.at::timestamptz, y.attempts, y.next_attempt::timestamptz,"
            + " y.lease_until::timestamptz"
            + " FROM unnest(?::text[], ?::text[], ?::text[], ?::int4[], ?::text[], ?::text[],"
            + " ?::int4[], ?::text[], ?::text[]) WITH ORDINALITY"
            + " AS y(funnel_id, lead_id, event_id, effect_index, action, at, attempts,"
            + " next_attempt, lease_until, ord)"
            + " JOIN l USING (funnel_id, lead_id) ORDER BY y.ord"
            + " ON CONFLICT (funnel_id, lead_id, event_id, effect_index) DO NOTHING)"
            + ", a AS (INSERT INTO "
            + acceptedTable
            + " (funnel_id, lead_id, event_id, committed_at)"
            + " SELECT z.funnel_id, z.lead_id, z.event_id, z.committed_at::timestamptz"
            + " FROM z JOIN l USING (funnel_id, lead_id)"
            + " ON CONFLICT (funnel_id, lead_id, event_id) DO NOTHING)"
            + (deletesInCommit
                ? ", d AS (DELETE FROM " + outbox + " WHERE" + DELIVERED_KEYS + ")"
                : "")
            + " SELECT funnel_id, lead_id FROM l";
    this.deleteDelivered =
        "DELETE FROM "
            + outbox
            + " WHERE"
            + DELIVERED_KEYS
            + " RETURNING funnel_id, lead_id, event_id, effect_index";
  }
}
