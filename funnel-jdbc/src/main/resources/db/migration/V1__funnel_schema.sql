-- The funnel lead store, version 1: leads, the outbox of effects not yet delivered, and the ids of
-- accepted events. Table names are unqualified, so the schema is the one the migration tool (or
-- the connection's search_path) works in. Ids sort with the C collation, the order of Java's
-- String.compareTo for the ids in use, so the due index and the outbox are read in the order the
-- runtime expects.

CREATE TABLE funnel_lead (
  funnel_id  text COLLATE "C" NOT NULL,
  lead_id    text COLLATE "C" NOT NULL,
  version    bigint NOT NULL,
  stage      text NOT NULL,
  active     boolean NOT NULL,
  -- The due time of the lead's earliest pending timer, rounded up to the microsecond; null if none.
  next_due   timestamptz,
  owner      text COLLATE "C",
  updated_at timestamptz NOT NULL,
  -- The lead in the funnel format (funnel-jackson), with every timer and attribute.
  body       jsonb NOT NULL,
  PRIMARY KEY (funnel_id, lead_id)
);

-- The due index: the timer tick reads it in due order with a LIMIT.
CREATE INDEX funnel_lead_due_idx ON funnel_lead (next_due, funnel_id, lead_id)
  WHERE next_due IS NOT NULL;

-- Owners' load for least-loaded assignment: counts active leads per owner.
CREATE INDEX funnel_lead_owner_idx ON funnel_lead (owner) WHERE active AND owner IS NOT NULL;

CREATE TABLE funnel_outbox (
  -- Commit order: claims and listings hand entries out oldest first.
  seq          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  funnel_id    text COLLATE "C" NOT NULL,
  lead_id      text COLLATE "C" NOT NULL,
  event_id     text COLLATE "C" NOT NULL,
  effect_index integer NOT NULL,
  -- The action in the funnel format.
  action       jsonb NOT NULL,
  at           timestamptz NOT NULL,
  attempts     integer NOT NULL DEFAULT 0,
  next_attempt timestamptz NOT NULL,
  lease_until  timestamptz NOT NULL,
  parked       boolean NOT NULL DEFAULT false,
  -- When the entry may be claimed: its claim has lapsed and its next attempt time has come.
  ready_at     timestamptz GENERATED ALWAYS AS (GREATEST(lease_until, next_attempt)) STORED,
  UNIQUE (funnel_id, lead_id, event_id, effect_index)
);

CREATE INDEX funnel_outbox_ready_idx ON funnel_outbox (ready_at, seq) WHERE NOT parked;

CREATE INDEX funnel_outbox_parked_idx ON funnel_outbox (seq) WHERE parked;

CREATE TABLE funnel_accepted (
  funnel_id    text COLLATE "C" NOT NULL,
  lead_id      text COLLATE "C" NOT NULL,
  event_id     text COLLATE "C" NOT NULL,
  committed_at timestamptz NOT NULL,
  PRIMARY KEY (funnel_id, lead_id, event_id)
);

-- The purge of event ids past their retention reads this in bounded batches.
CREATE INDEX funnel_accepted_time_idx ON funnel_accepted (committed_at);

-- The schema's version, checked by the store when it starts.
CREATE TABLE funnel_schema (
  version integer NOT NULL
);

INSERT INTO funnel_schema (version) VALUES (1);
