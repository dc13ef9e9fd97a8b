import type { DriverAssignment } from '../domain/index.js';
import type { Queryable } from './database.js';

/**
 * Records a vehicle's driver assignment, last writer (highest bus id) wins: a repeated or older
 * `driverAssigned` changes nothing. Returns whether the register changed.
 * @example
 * await recordDriverAssignment(db, { vehicleId, orgId, driverId, eventId: envelope.id });
 */
export async function recordDriverAssignment(db: Queryable, fact: DriverAssignment): Promise<boolean> {
  const { rowCount } = await db.query(
    `INSERT INTO allocation.vehicle_drivers (vehicle_id, org_id, driver_id, event_id)
     VALUES ($1, $2, $3, $4)
     ON CONFLICT (vehicle_id) DO UPDATE
       SET org_id = excluded.org_id, driver_id = excluded.driver_id, event_id = excluded.event_id
       WHERE allocation.vehicle_drivers.event_id < excluded.event_id`,
    [fact.vehicleId, fact.orgId, fact.driverId, fact.eventId],
  );
  return (rowCount ?? 0) > 0;
}

/**
 * The vehicle a driver of the organisation drives now: of the vehicles whose register names them,
 * the one assigned last. Undefined when none does.
 * @example
 * const vehicleId = await vehicleOfDriver(db, caller.orgId, caller.userId);
 */
export async function vehicleOfDriver(
  db: Queryable,
  orgId: string,
  driverId: string,
): Promise<string | undefined> {
  const { rows } = await db.query<{ vehicle_id: string }>(
    `SELECT vehicle_id FROM allocation.vehicle_drivers
     WHERE org_id = $1 AND driver_id = $2 ORDER BY event_id DESC LIMIT 1`,
    [orgId, driverId],
  );
  return rows[0]?.vehicle_id;
}
