-- A device (a tracker or a phone app) reports the positions of one vehicle of one organisation.
-- `id` is its MQTT identity (client id and username); `unique_id` is what it sends as the OsmAnd
-- `id`/`deviceid` (an IMEI, or the id a phone app shows). Only a SHA-256 of its secret is kept.
CREATE TABLE devices (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL,
  vehicle_id text NOT NULL,
  unique_id text NOT NULL,
  name text,
  secret_hash text NOT NULL,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz,
  revoked_at timestamptz
);

-- A unique id is unique among an organisation's live devices only: two tenants may register the
-- same one without learning of each other, and the secret tells their devices apart.
CREATE UNIQUE INDEX devices_live_unique_id ON devices (org_id, unique_id) WHERE revoked_at IS NULL;
CREATE INDEX devices_by_unique_id ON devices (unique_id) WHERE revoked_at IS NULL;
CREATE INDEX devices_by_vehicle ON devices (org_id, vehicle_id);
