-- The transactional outbox of @motorcade/lambda's eventOutbox (docs/lambda-library.md): every
-- change stages its events here in its own transaction; they are posted after the commit and
-- marked, and RelayOutbox posts what was not (a crash, the bus unreachable). `id` is the
-- envelope's id, the bus's publish key, so an event posted twice is logged once.
CREATE TABLE outbox (
  id uuid PRIMARY KEY,
  seq bigint GENERATED ALWAYS AS IDENTITY,
  org_id uuid,
  type text NOT NULL,
  envelope json NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  attempts integer NOT NULL DEFAULT 0,
  attempted_at timestamptz,
  posted_at timestamptz
);
CREATE INDEX outbox_unposted ON outbox (seq) WHERE posted_at IS NULL;
CREATE INDEX outbox_posted ON outbox (posted_at) WHERE posted_at IS NOT NULL;
