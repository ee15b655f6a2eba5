-- The funnel contact book, version 4: what is known about contacting each person, across every
-- funnel: the consents they withdrew and the marketing messages they were sent, for the frequency
-- caps. One row per person id (their lead id in every funnel), written with compare-and-set on its
-- version. The record holds channel names, funnel ids and instants only, no personal data.

CREATE TABLE funnel_contact (
  person_id  text COLLATE "C" PRIMARY KEY,
  version    bigint NOT NULL,
  -- The record's withdrawals and messages sent, in their order, instants to the nanosecond.
  body       jsonb NOT NULL
);

INSERT INTO funnel_schema (version) VALUES (4);
