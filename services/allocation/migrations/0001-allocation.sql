-- The allocation read model (src/domain/read-model.ts) as rows, one organisation's share loaded,
-- decided on and saved per event under a per-organisation advisory lock. Ids are the other
-- services' (text); bus event ids are bigints.

-- Vehicles as allocation sees them: availability is a register, the fact with the highest bus id wins.
CREATE TABLE vehicles (
  vehicle_id text PRIMARY KEY,
  org_id text NOT NULL,
  availability text NOT NULL CHECK (availability IN ('offline', 'available', 'busy')),
  availability_event_id bigint NOT NULL,
  open_offer_id text
);
CREATE INDEX vehicles_by_org ON vehicles (org_id);

-- Items in allocation. Final ones (accepted, failed) stay, so a repeated itemCreated is recognised.
CREATE TABLE items (
  item_id text PRIMARY KEY,
  org_id text NOT NULL,
  pickup_lat double precision NOT NULL,
  pickup_lon double precision NOT NULL,
  created_at timestamptz NOT NULL,
  created_event_id bigint NOT NULL,
  status text NOT NULL CHECK (status IN ('waiting', 'offered', 'accepted', 'failed')),
  offer_count integer NOT NULL,
  tried text[] NOT NULL,
  current_offer_id text,
  accepted_vehicle_id text
);
-- What every decision loads: the organisation's items still in play.
CREATE INDEX items_in_play ON items (org_id) WHERE status IN ('waiting', 'offered');

-- Offers, kept after closing so a late answer is told why it is refused.
CREATE TABLE offers (
  offer_id text PRIMARY KEY,
  item_id text NOT NULL,
  org_id text NOT NULL,
  vehicle_id text NOT NULL,
  offered_at timestamptz NOT NULL,
  deadline timestamptz NOT NULL,
  status text NOT NULL CHECK (status IN ('open', 'accepted', 'rejected', 'expired', 'withdrawn'))
);
-- The guarantees, enforced a second time by the database: a bug in the domain or the store fails
-- the transaction (and the message is retried) rather than breaking them.
CREATE UNIQUE INDEX offers_one_open_per_vehicle ON offers (vehicle_id) WHERE status = 'open';
CREATE UNIQUE INDEX offers_one_open_per_item ON offers (item_id) WHERE status = 'open';
CREATE UNIQUE INDEX offers_one_acceptance_per_item ON offers (item_id) WHERE status = 'accepted';
CREATE INDEX offers_by_item ON offers (item_id);
CREATE INDEX offers_by_org ON offers (org_id, offered_at DESC);

-- Who drives which vehicle (driverAssigned), one register per vehicle, highest bus id wins.
CREATE TABLE vehicle_drivers (
  vehicle_id text PRIMARY KEY,
  org_id text NOT NULL,
  driver_id text,
  event_id bigint NOT NULL
);
CREATE INDEX vehicle_drivers_by_driver ON vehicle_drivers (org_id, driver_id) WHERE driver_id IS NOT NULL;

-- Events decided but maybe not yet posted: written in the decision's transaction, posted after
-- the commit and marked; the sweep posts what a crash left behind. The envelope's id is the bus's
-- publish key, so posting one twice logs it once.
CREATE TABLE outbox (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  envelope jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  posted_at timestamptz
);
CREATE INDEX outbox_unposted ON outbox (id) WHERE posted_at IS NULL;
CREATE INDEX outbox_posted ON outbox (posted_at) WHERE posted_at IS NOT NULL;
