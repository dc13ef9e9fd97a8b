import type { Device } from '../domain/device.js';
import type { DeviceDirectory, LookedUpDevice } from '../domain/device-lookup.js';
import { DEVICES_ERROR, DevicesError } from '../domain/errors.js';
import type { DeviceCredentials, DeviceStore } from '../domain/ports.js';
import { isUniqueViolation, type Queryable } from './database.js';

interface DeviceRow {
  readonly id: string;
  readonly org_id: string;
  readonly vehicle_id: string;
  readonly unique_id: string;
  readonly name: string | null;
  readonly created_at: Date;
  readonly last_seen_at: Date | null;
  readonly revoked_at: Date | null;
}

const COLUMNS = 'id, org_id, vehicle_id, unique_id, name, created_at, last_seen_at, revoked_at';

const toDevice = (row: DeviceRow): Device => ({
  id: row.id,
  orgId: row.org_id,
  vehicleId: row.vehicle_id,
  uniqueId: row.unique_id,
  name: row.name,
  createdAt: row.created_at,
  lastSeenAt: row.last_seen_at,
  revokedAt: row.revoked_at,
});

interface LookupRow {
  readonly id: string;
  readonly unique_id: string;
  readonly org_id: string;
  readonly vehicle_id: string;
}

const LOOKUP_COLUMNS = 'id, unique_id, org_id, vehicle_id';

const toLookedUp = (row: LookupRow): LookedUpDevice => ({
  deviceId: row.id,
  uniqueId: row.unique_id,
  orgId: row.org_id,
  vehicleId: row.vehicle_id,
});

const toCredentials = (row: DeviceRow & { secret_hash: string }): DeviceCredentials => ({
  device: toDevice(row),
  secretHash: row.secret_hash,
});

/**
 * `devices.devices` in PostgreSQL. Admin statements name the organisation; authentication looks
 * devices up by unique id or id and lets the secret decide.
 */
export class PgDeviceStore implements DeviceStore, DeviceDirectory {
  readonly #db: Queryable;

  constructor(db: Queryable) {
    this.#db = db;
  }

  async register(device: {
    id: string;
    orgId: string;
    vehicleId: string;
    uniqueId: string;
    name: string | null;
    secretHash: string;
    createdBy: string | null;
  }): Promise<Device> {
    try {
      const { rows } = await this.#db.query<DeviceRow>(
        `INSERT INTO devices.devices (id, org_id, vehicle_id, unique_id, name, secret_hash, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
        [
          device.id,
          device.orgId,
          device.vehicleId,
          device.uniqueId,
          device.name,
          device.secretHash,
          device.createdBy,
        ],
      );
      return toDevice(rows[0] as DeviceRow);
    } catch (error) {
      if (isUniqueViolation(error))
        throw new DevicesError(
          DEVICES_ERROR.uniqueIdTaken,
          `A device with the unique id ${device.uniqueId} exists`,
          {
            cause: error,
          },
        );
      throw error;
    }
  }

  async list(orgId: string, filter: { readonly vehicleId?: string }): Promise<Device[]> {
    const { rows } = await this.#db.query<DeviceRow>(
      `SELECT ${COLUMNS} FROM devices.devices
        WHERE org_id = $1 AND ($2::text IS NULL OR vehicle_id = $2)
        ORDER BY created_at, id`,
      [orgId, filter.vehicleId ?? null],
    );
    return rows.map(toDevice);
  }

  async find(orgId: string, deviceId: string): Promise<Device | undefined> {
    const { rows } = await this.#db.query<DeviceRow>(
      `SELECT ${COLUMNS} FROM devices.devices WHERE org_id = $1 AND id = $2`,
      [orgId, deviceId],
    );
    return rows[0] ? toDevice(rows[0]) : undefined;
  }

  async update(
    orgId: string,
    deviceId: string,
    changes: { vehicleId?: string; name?: string },
    now: Date,
  ): Promise<Device | undefined> {
    const { rows } = await this.#db.query<DeviceRow>(
      `UPDATE devices.devices
          SET vehicle_id = coalesce($3, vehicle_id), name = coalesce($4, name), updated_at = $5
        WHERE org_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
      [orgId, deviceId, changes.vehicleId ?? null, changes.name ?? null, now],
    );
    return rows[0] ? toDevice(rows[0]) : undefined;
  }

  async replaceSecret(
    orgId: string,
    deviceId: string,
    secretHash: string,
    now: Date,
  ): Promise<Device | undefined> {
    const { rows } = await this.#db.query<DeviceRow>(
      `UPDATE devices.devices SET secret_hash = $3, updated_at = $4
        WHERE org_id = $1 AND id = $2 AND revoked_at IS NULL RETURNING ${COLUMNS}`,
      [orgId, deviceId, secretHash, now],
    );
    return rows[0] ? toDevice(rows[0]) : undefined;
  }

  async revoke(orgId: string, deviceId: string, now: Date): Promise<boolean> {
    const { rowCount } = await this.#db.query(
      `UPDATE devices.devices SET revoked_at = coalesce(revoked_at, $3), updated_at = $3
        WHERE org_id = $1 AND id = $2`,
      [orgId, deviceId, now],
    );
    return (rowCount ?? 0) > 0;
  }

  async liveByUniqueId(uniqueId: string): Promise<DeviceCredentials[]> {
    const { rows } = await this.#db.query<DeviceRow & { secret_hash: string }>(
      `SELECT ${COLUMNS}, secret_hash FROM devices.devices WHERE unique_id = $1 AND revoked_at IS NULL`,
      [uniqueId],
    );
    return rows.map(toCredentials);
  }

  async liveById(deviceId: string): Promise<DeviceCredentials | undefined> {
    const { rows } = await this.#db.query<DeviceRow & { secret_hash: string }>(
      `SELECT ${COLUMNS}, secret_hash FROM devices.devices WHERE id = $1 AND revoked_at IS NULL`,
      [deviceId],
    );
    return rows[0] ? toCredentials(rows[0]) : undefined;
  }

  async liveByIds(deviceIds: readonly string[]): Promise<LookedUpDevice[]> {
    const { rows } = await this.#db.query<LookupRow>(
      `SELECT ${LOOKUP_COLUMNS} FROM devices.devices
        WHERE id = ANY($1::uuid[]) AND revoked_at IS NULL ORDER BY id`,
      [deviceIds],
    );
    return rows.map(toLookedUp);
  }

  async liveByUniqueIds(orgId: string, uniqueIds: readonly string[]): Promise<LookedUpDevice[]> {
    const { rows } = await this.#db.query<LookupRow>(
      `SELECT ${LOOKUP_COLUMNS} FROM devices.devices
        WHERE org_id = $1 AND unique_id = ANY($2::text[]) AND revoked_at IS NULL ORDER BY unique_id`,
      [orgId, uniqueIds],
    );
    return rows.map(toLookedUp);
  }

  async touch(deviceId: string, now: Date): Promise<void> {
    await this.#db.query(
      `UPDATE devices.devices SET last_seen_at = $2
        WHERE id = $1 AND (last_seen_at IS NULL OR last_seen_at < $2::timestamptz - interval '1 minute')`,
      [deviceId, now],
    );
  }
}
