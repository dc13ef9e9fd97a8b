-- A vehicle of one organisation: what it is (name, plate, type, capacity), who drives it, whether
-- that driver is on duty, and its availability for allocation.
CREATE TABLE vehicles (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL,
  name text NOT NULL,
  plate text NOT NULL,
  vehicle_type text NOT NULL CHECK (vehicle_type IN ('car', 'van', 'truck', 'bike', 'scooter')),
  capacity_kg double precision NOT NULL CHECK (capacity_kg > 0),
  availability text NOT NULL DEFAULT 'offline' CHECK (availability IN ('offline', 'available', 'busy')),
  on_duty boolean NOT NULL DEFAULT false,
  -- A user id of the users service; that service is the authority on who is a driver.
  driver_id text,
  -- The item whose allocation made the vehicle busy (null when not busy through an allocation).
  current_item_id text,
  -- The highest bus event id applied to the availability: older or repeated events change nothing.
  last_event_id bigint,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- A plate names one vehicle within an organisation (two tenants may both have "AB12 CDE").
CREATE UNIQUE INDEX vehicles_plate ON vehicles (org_id, plate);
-- One driver drives at most one vehicle.
CREATE UNIQUE INDEX vehicles_driver ON vehicles (org_id, driver_id) WHERE driver_id IS NOT NULL;
CREATE INDEX vehicles_by_availability ON vehicles (org_id, availability);
