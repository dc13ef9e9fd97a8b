-- The outbox becomes @motorcade/lambda's eventOutbox table (docs/lambda-library.md): keyed by the
-- envelope's id (the bus's publish key) instead of a number, with the event's type and
-- organisation beside the envelope, `seq` for the order events were stored in, and the relay's
-- attempt count and lease (`attempted_at`). The envelope is `json`, posted as stored. Rows of the
-- old table move over in their order; their ids are in their envelopes.
ALTER TABLE outbox RENAME TO outbox_0001;
DROP INDEX outbox_unposted;
DROP INDEX outbox_posted;

CREATE TABLE outbox (
  id uuid PRIMARY KEY,
  seq bigint GENERATED ALWAYS AS IDENTITY,
  org_id text,
  type text NOT NULL,
  envelope json NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  attempts integer NOT NULL DEFAULT 0,
  attempted_at timestamptz,
  posted_at timestamptz
);
CREATE INDEX outbox_unposted ON outbox (seq) WHERE posted_at IS NULL;
CREATE INDEX outbox_posted ON outbox (posted_at) WHERE posted_at IS NOT NULL;

-- A decision's envelope was stored once, but should two rows hold one envelope, the posted one
-- (else the first) is kept.
INSERT INTO outbox (id, org_id, type, envelope, created_at, posted_at)
SELECT id, org_id, type, envelope, created_at, posted_at
  FROM (SELECT DISTINCT ON ((o.envelope ->> 'id')::uuid)
               (o.envelope ->> 'id')::uuid AS id, o.envelope -> 'detail' ->> 'orgId' AS org_id,
               o.envelope ->> 'type' AS type, o.envelope::json AS envelope, o.created_at, o.posted_at,
               o.id AS old_id
          FROM outbox_0001 AS o
         ORDER BY (o.envelope ->> 'id')::uuid, o.posted_at NULLS LAST, o.id) AS kept
 ORDER BY old_id;

DROP TABLE outbox_0001;
