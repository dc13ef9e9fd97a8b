-- The vehicles service's per-vehicle availability counter (`version` in vehicleRegistered and
-- vehicleStatusChanged) of the fact a vehicle's availability comes from. A vehicle's facts are
-- ordered by it, not by bus id, because the bus may log two changes of one vehicle in the other
-- order (docs/allocation.md). Null until a fact with a version arrives: rows from before, and
-- events posted before the vehicles service sent versions, are still ordered by bus id.
ALTER TABLE vehicles ADD COLUMN availability_version bigint;
