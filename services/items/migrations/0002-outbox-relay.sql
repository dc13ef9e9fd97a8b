-- The outbox becomes @motorcade/lambda's eventOutbox table (docs/lambda-library.md): `seq` keeps
-- the order events were stored in (several in one transaction share created_at), and
-- `attempted_at` is the relay's lease, so a second relay run skips an event another run is trying
-- and a failing event waits a grace period between attempts. Existing rows keep their ids, which
-- are their envelopes' ids (the bus's publish keys); they are numbered in table order.
ALTER TABLE outbox ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY;
ALTER TABLE outbox ADD COLUMN attempted_at timestamptz;

DROP INDEX outbox_unposted;
CREATE INDEX outbox_unposted ON outbox (seq) WHERE posted_at IS NULL;
