import type { MotionRecord, Segment } from '../domain/ingestion-plan.js';
import { type MotionState, motionStateSchema } from '../domain/motion-state.js';
import type { MovingVehicle, SilentDevice, SweepStore } from '../domain/ports.js';
import type { Queryable } from './database.js';
import { segmentColumns } from './segment-rows.js';

/** The offline sweep's reads and conditional writes; each write only changes what is still stale. */
export class PgSweepStore implements SweepStore {
  readonly #db: Queryable;

  constructor(db: Queryable) {
    this.#db = db;
  }

  async silentSince(cutoff: Date): Promise<SilentDevice[]> {
    const { rows } = await this.#db.query<{
      device_id: string;
      org_id: string;
      vehicle_id: string;
      last_seen_at: Date;
    }>(
      `SELECT device_id::text, org_id::text, vehicle_id, last_seen_at FROM tracking.device_presence
        WHERE status = 'online' AND last_seen_at < $1 ORDER BY device_id`,
      [cutoff],
    );
    return rows.map((row) => ({
      deviceId: row.device_id,
      orgId: row.org_id,
      vehicleId: row.vehicle_id,
      lastSeenAt: row.last_seen_at,
      status: 'online',
    }));
  }

  async markOffline(deviceIds: readonly string[], cutoff: Date): Promise<string[]> {
    const { rows } = await this.#db.query<{ device_id: string }>(
      `UPDATE tracking.device_presence SET status = 'offline'
        WHERE device_id = ANY($1::uuid[]) AND status = 'online' AND last_seen_at < $2
        RETURNING device_id::text`,
      [deviceIds, cutoff],
    );
    return rows.map((row) => row.device_id);
  }

  async movingSince(cutoff: Date): Promise<MovingVehicle[]> {
    const { rows } = await this.#db.query<{
      org_id: string;
      vehicle_id: string;
      device_id: string;
      state: unknown;
    }>(
      `SELECT org_id::text, vehicle_id, device_id::text, state FROM tracking.motion_states
        WHERE state->>'status' = 'moving' AND (state->'last'->>'atMs')::float8 < $1`,
      [cutoff.getTime()],
    );
    return rows.map((row) => ({
      orgId: row.org_id,
      vehicleId: row.vehicle_id,
      deviceId: row.device_id,
      state: motionStateSchema.parse(row.state),
    }));
  }

  async saveExpired(
    before: MotionState,
    record: MotionRecord,
    segments: readonly Segment[],
  ): Promise<boolean> {
    const { columns, distances } = segmentColumns(segments);
    const { rows } = await this.#db.query<{ saved: number }>(
      `WITH saved AS (
         UPDATE tracking.motion_states SET state = $3::jsonb, updated_at = now()
          WHERE org_id = $1 AND vehicle_id = $2 AND state = $4::jsonb
         RETURNING 1
       ), segments AS (
         INSERT INTO tracking.motion_segments (org_id, vehicle_id, device_id, kind, started_at, ended_at,
                                               start_latitude, start_longitude, end_latitude,
                                               end_longitude, distance_metres)
         SELECT * FROM unnest($5::uuid[], $6::text[], $7::uuid[], $8::text[], $9::timestamptz[],
                              $10::timestamptz[], $11::float8[], $12::float8[], $13::float8[],
                              $14::float8[], $15::float8[])
          WHERE EXISTS (SELECT 1 FROM saved)
         RETURNING 1
       )
       SELECT (SELECT count(*) FROM saved)::int AS saved`,
      [
        record.orgId,
        record.vehicleId,
        JSON.stringify(record.state),
        JSON.stringify(before),
        ...columns,
        distances,
      ],
    );
    return (rows[0]?.saved ?? 0) > 0;
  }
}
