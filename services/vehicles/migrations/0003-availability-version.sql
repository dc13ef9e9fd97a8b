-- Counts each vehicle's availability changes: one up in the transaction of each change. Its events
-- carry it as `version` (docs/fleet.md, "Order"), so receivers order a vehicle's changes by it: the
-- bus numbers events in the order it logs them, and two changes posted after their own commits can
-- be logged in the other order. Existing vehicles start at 0; their next change is version 1.
ALTER TABLE vehicles ADD COLUMN availability_version bigint NOT NULL DEFAULT 0;
