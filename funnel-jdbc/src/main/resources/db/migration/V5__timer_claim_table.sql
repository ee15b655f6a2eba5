-- The funnel lead store, version 5: the tick's claims on due leads in a table of their own, out of
-- the lead row. A claim names the lead's version it was made at and lasts while that version is
-- the lead's and its end has not passed: any write of the lead gives it a new version, and so
-- releases the claim without touching the claim's row. Claiming writes no lead row and no entry in
-- the lead table's indexes; the lead row is only locked for the claim's statement (FOR UPDATE SKIP
-- LOCKED), so runtimes ticking at once take disjoint batches. The table is UNLOGGED: a claim is
-- only an arbiter between tickers (their commits' compare-and-set is what fires a timer once), so
-- it is not written to the write-ahead log, and a server crash, which empties the table, leaves
-- every claim as if never made. A claim is updated in place (its columns are in no index, and
-- the pages keep room for the new tuple), so claiming a lead again costs no index entry either.

CREATE UNLOGGED TABLE funnel_lead_claim (
  funnel_id     text COLLATE "C" NOT NULL,
  lead_id       text COLLATE "C" NOT NULL,
  -- The version of the lead the claim was made at; a lead at another version is not claimed.
  version       bigint NOT NULL,
  claimed_until timestamptz NOT NULL,
  claimed_by    text COLLATE "C" NOT NULL,
  PRIMARY KEY (funnel_id, lead_id)
) WITH (fillfactor = 50);

ALTER TABLE funnel_lead DROP COLUMN claimed_until, DROP COLUMN claimed_by;

INSERT INTO funnel_schema (version) VALUES (5);
