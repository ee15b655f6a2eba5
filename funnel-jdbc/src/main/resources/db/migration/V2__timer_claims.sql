-- The funnel lead store, version 2: a claim on a lead's due timers. The timer tick claims a batch
-- of due leads with FOR UPDATE SKIP LOCKED and sets the claim's end and its holder, so runtimes
-- ticking one database take disjoint batches; a claim runs out at its end, so the leads of a
-- runtime that died while holding them are taken by another; any write of the lead releases it.

ALTER TABLE funnel_lead ADD COLUMN claimed_until timestamptz;

ALTER TABLE funnel_lead ADD COLUMN claimed_by text COLLATE "C";

INSERT INTO funnel_schema (version) VALUES (2);
