// The statements of one ingestion transaction. Each takes arrays (unnest) so a request costs the
// same few round trips whether it carries one position or a thousand. The store runs them as named
// prepared statements, parsed and planned once per connection: measured, OsmAnd's p50 went from
// 7.4 to 5.7 ms (docs/benchmarks.md). After five executions PostgreSQL may keep a generic plan,
// made without knowing the arrays' sizes; these plans are inserts with ON CONFLICT and joins on
// primary keys, whose shape does not depend on the sizes, and 1,000-position batches ran as fast
// as before (10,254/s against 10,366/s).

/**
 * One statement of two halves, so a request costs a round trip less:
 * - creates missing motion-state and presence rows and locks them all (ON CONFLICT DO UPDATE locks
 *   the existing row, in its newest version), answering what they hold;
 * - stores the positions (a repeated device + fix time is dropped) and moves each vehicle's latest
 *   position forward to its newest new valid fix, never back, answering which positions were new
 *   and which became latest.
 * The rows come back in the order of the UNION ALL, which is also the order the halves run in: the
 * state rows are locked before any position or latest row is touched, as two statements did.
 */
export const LOCK_AND_INSERT = `
WITH vehicles AS (
  INSERT INTO tracking.motion_states AS m (org_id, vehicle_id, device_id)
  SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[])
  ON CONFLICT (org_id, vehicle_id) DO UPDATE SET updated_at = m.updated_at
  RETURNING org_id, vehicle_id, state
), devices AS (
  INSERT INTO tracking.device_presence AS p (device_id, org_id, vehicle_id)
  SELECT * FROM unnest($4::uuid[], $5::uuid[], $6::text[])
  ON CONFLICT (device_id) DO UPDATE SET org_id = EXCLUDED.org_id, vehicle_id = EXCLUDED.vehicle_id
  RETURNING device_id, last_seen_at, status
), input AS (
  SELECT * FROM unnest($7::uuid[], $8::timestamptz[], $9::uuid[], $10::text[], $11::float8[],
                       $12::float8[], $13::bool[], $14::float8[], $15::float8[], $16::float8[],
                       $17::float8[], $18::float8[], $19::bool[], $20::jsonb[])
    AS i(device_id, fix_time, org_id, vehicle_id, latitude, longitude, valid, speed_kph, course,
         altitude, accuracy, battery, charging, attributes)
), inserted AS (
  INSERT INTO tracking.positions (device_id, fix_time, org_id, vehicle_id, received_at, latitude,
                                  longitude, valid, speed_kph, course, altitude, accuracy, battery,
                                  charging, attributes)
  SELECT device_id, fix_time, org_id, vehicle_id, $21, latitude, longitude, valid, speed_kph, course,
         altitude, accuracy, battery, charging, attributes
    FROM input
  ON CONFLICT (device_id, fix_time) DO NOTHING
  RETURNING device_id, fix_time, org_id, vehicle_id, latitude, longitude, valid, speed_kph, course
), newest AS (
  SELECT DISTINCT ON (org_id, vehicle_id) *
    FROM inserted WHERE valid
   ORDER BY org_id, vehicle_id, fix_time DESC
), latest AS (
  INSERT INTO tracking.latest_positions AS l (org_id, vehicle_id, device_id, fix_time, latitude,
                                              longitude, speed_kph, course)
  SELECT org_id, vehicle_id, device_id, fix_time, latitude, longitude, speed_kph, course FROM newest
  ON CONFLICT (org_id, vehicle_id) DO UPDATE
     SET device_id = EXCLUDED.device_id, fix_time = EXCLUDED.fix_time, latitude = EXCLUDED.latitude,
         longitude = EXCLUDED.longitude, speed_kph = EXCLUDED.speed_kph, course = EXCLUDED.course
   WHERE l.fix_time < EXCLUDED.fix_time
  RETURNING device_id, fix_time
)
SELECT 'vehicle' AS kind, org_id::text AS org_id, vehicle_id, NULL::text AS device_id, state,
       NULL::timestamptz AS last_seen_at, NULL::text AS status, NULL::timestamptz AS fix_time
  FROM vehicles
UNION ALL
SELECT 'device', NULL, NULL, device_id::text, NULL, last_seen_at, status, NULL FROM devices
UNION ALL
SELECT 'inserted', NULL, NULL, device_id::text, NULL, NULL, NULL, fix_time FROM inserted
UNION ALL
SELECT 'latest', NULL, NULL, device_id::text, NULL, NULL, NULL, fix_time FROM latest`;

/** Saves the motion states, presence and finished segments the plan decided: one statement. */
export const SAVE_PLAN = `
WITH motion AS (
  UPDATE tracking.motion_states m
     SET state = u.state, device_id = u.device_id, updated_at = $18
    FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::jsonb[]) AS u(org_id, vehicle_id, device_id, state)
   WHERE m.org_id = u.org_id AND m.vehicle_id = u.vehicle_id
  RETURNING 1
), presence AS (
  UPDATE tracking.device_presence p
     SET last_seen_at = u.last_seen_at, status = u.status
    FROM unnest($5::uuid[], $6::timestamptz[], $7::text[]) AS u(device_id, last_seen_at, status)
   WHERE p.device_id = u.device_id
  RETURNING 1
), segments AS (
  INSERT INTO tracking.motion_segments (org_id, vehicle_id, device_id, kind, started_at, ended_at,
                                        start_latitude, start_longitude, end_latitude, end_longitude,
                                        distance_metres)
  SELECT * FROM unnest($8::uuid[], $9::text[], $10::uuid[], $11::text[], $12::timestamptz[],
                       $13::timestamptz[], $14::float8[], $15::float8[], $16::float8[], $17::float8[],
                       $19::float8[])
  RETURNING 1
)
SELECT (SELECT count(*) FROM motion)::int AS motion, (SELECT count(*) FROM presence)::int AS presence,
       (SELECT count(*) FROM segments)::int AS segments`;
