-- The funnel lead store, version 3: an index of the leads by the funnel version they are pinned
-- to, read from the lead's body, so that eager migration walks the leads of one version in pages
-- by lead id and retiring a version counts them, each at the cost of what it reads. The body
-- always carries funnelVersion; a body written by hand without it is on version 1, as the funnel
-- format reads it. On a large table, a database administrator may rather build the same index
-- with CREATE INDEX CONCURRENTLY outside a transaction before running this migration.

CREATE INDEX IF NOT EXISTS funnel_lead_pinned_idx ON funnel_lead
  (funnel_id, (COALESCE((body ->> 'funnelVersion')::integer, 1)), lead_id);

INSERT INTO funnel_schema (version) VALUES (3);
