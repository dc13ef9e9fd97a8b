-- The position time series. A device resending a fix (Traccar Client retries until it gets a 200)
-- sends the same (device_id, fix_time): the primary key keeps the first, INSERT … ON CONFLICT DO
-- NOTHING drops the repeat. org_id and vehicle_id are the device's at the time of the report, so
-- a device moved to another vehicle does not rewrite the old vehicle's history.
CREATE TABLE positions (
  device_id uuid NOT NULL,
  fix_time timestamptz NOT NULL,
  org_id uuid NOT NULL,
  vehicle_id text NOT NULL,
  received_at timestamptz NOT NULL,
  latitude double precision NOT NULL,
  longitude double precision NOT NULL,
  valid boolean NOT NULL,
  speed_kph double precision,
  course double precision,
  altitude double precision,
  accuracy double precision,
  battery double precision,
  charging boolean,
  attributes jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (device_id, fix_time)
);

-- History of a vehicle, oldest first, within a time range.
CREATE INDEX positions_by_vehicle ON positions (org_id, vehicle_id, fix_time);

-- The newest fix of each vehicle: what the map shows, NearestVehicles ranks and the feed sends.
CREATE TABLE latest_positions (
  org_id uuid NOT NULL,
  vehicle_id text NOT NULL,
  device_id uuid NOT NULL,
  fix_time timestamptz NOT NULL,
  latitude double precision NOT NULL,
  longitude double precision NOT NULL,
  speed_kph double precision,
  course double precision,
  PRIMARY KEY (org_id, vehicle_id)
);

CREATE INDEX latest_positions_by_vehicle ON latest_positions (vehicle_id);

-- The motion detector's state of each vehicle (the domain's MotionState as JSON; NULL until the
-- first position is applied). The row is also the lock that serialises one vehicle's reports.
CREATE TABLE motion_states (
  org_id uuid NOT NULL,
  vehicle_id text NOT NULL,
  device_id uuid NOT NULL,
  state jsonb,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, vehicle_id)
);

-- Finished trips and stops, written when the detector announces their end.
CREATE TABLE motion_segments (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id uuid NOT NULL,
  vehicle_id text NOT NULL,
  device_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('trip', 'stop')),
  started_at timestamptz NOT NULL,
  ended_at timestamptz NOT NULL,
  start_latitude double precision NOT NULL,
  start_longitude double precision NOT NULL,
  end_latitude double precision NOT NULL,
  end_longitude double precision NOT NULL,
  distance_metres double precision NOT NULL DEFAULT 0
);

CREATE INDEX motion_segments_by_vehicle ON motion_segments (org_id, vehicle_id, started_at);

-- When each device was last heard from (arrival time) and the status last announced. Both are
-- NULL only inside the transaction that first sees the device.
CREATE TABLE device_presence (
  device_id uuid PRIMARY KEY,
  org_id uuid NOT NULL,
  vehicle_id text NOT NULL,
  last_seen_at timestamptz,
  status text CHECK (status IN ('online', 'offline'))
);

CREATE INDEX device_presence_online ON device_presence (last_seen_at) WHERE status = 'online';
