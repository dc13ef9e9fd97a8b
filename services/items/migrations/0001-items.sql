-- A delivery item of a client system. The client's Idempotency-Key is unique per client, so
-- concurrent retries of one create insert one row (INSERT … ON CONFLICT DO NOTHING), and the
-- fingerprint of the validated request tells a retry from a reuse of the key.
CREATE TABLE items (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL,
  client_id uuid NOT NULL,
  idempotency_key text NOT NULL,
  request_fingerprint text NOT NULL,
  reference text NOT NULL,
  pickup jsonb NOT NULL,
  dropoff jsonb NOT NULL,
  window_from timestamptz NOT NULL,
  window_to timestamptz NOT NULL,
  weight_kg double precision NOT NULL,
  volume_litres double precision,
  status text NOT NULL CHECK (status IN ('created', 'allocating', 'allocated', 'picked_up', 'delivered',
                                         'cancelled', 'failed', 'unallocated')),
  vehicle_id text,
  driver_id text,
  status_reason text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CONSTRAINT items_idempotency_key UNIQUE (org_id, client_id, idempotency_key)
);

CREATE INDEX items_by_client ON items (org_id, client_id, created_at DESC);
CREATE INDEX items_by_org ON items (org_id, created_at DESC);
CREATE INDEX items_by_driver ON items (org_id, driver_id, status) WHERE driver_id IS NOT NULL;

-- Every status change of an item, its creation included; GET /items/org/{itemId} shows it.
CREATE TABLE item_timeline (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id uuid NOT NULL,
  item_id uuid NOT NULL REFERENCES items (id),
  status text NOT NULL,
  previous text,
  actor text NOT NULL CHECK (actor IN ('client', 'driver', 'allocation')),
  actor_id text,
  reason text,
  vehicle_id text,
  driver_id text,
  at timestamptz NOT NULL
);

CREATE INDEX item_timeline_by_item ON item_timeline (org_id, item_id, id);

-- The transactional outbox: each event is stored in the transaction that made it happen, posted
-- after the commit and marked; the RelayOutbox schedule posts what was not. `id` is the envelope's
-- id, which the bus keeps as the publish key, so an event posted twice is logged once.
CREATE TABLE outbox (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL,
  type text NOT NULL,
  envelope json NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  attempts integer NOT NULL DEFAULT 0,
  posted_at timestamptz
);

CREATE INDEX outbox_unposted ON outbox (created_at) WHERE posted_at IS NULL;
CREATE INDEX outbox_posted ON outbox (posted_at) WHERE posted_at IS NOT NULL;
