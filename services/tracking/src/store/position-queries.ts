import type { Segment } from '../domain/ingestion-plan.js';
import { type MotionState, motionStateSchema } from '../domain/motion-state.js';
import type { PositionQueries } from '../domain/ports.js';
import type { FeedPosition } from '../domain/position-feed.js';
import type { HistoryPosition } from '../domain/vehicle-history.js';
import type { Queryable } from './database.js';

interface LatestRow {
  readonly vehicle_id: string;
  readonly device_id: string;
  readonly latitude: number;
  readonly longitude: number;
  readonly fix_time: Date;
  readonly speed_kph: number | null;
  readonly course: number | null;
}

const LATEST_COLUMNS = 'vehicle_id, device_id::text, latitude, longitude, fix_time, speed_kph, course';

const toFeedPosition = (row: LatestRow): FeedPosition => ({
  vehicleId: row.vehicle_id,
  deviceId: row.device_id,
  lat: row.latitude,
  lon: row.longitude,
  fixTime: row.fix_time.toISOString(),
  speedKph: row.speed_kph,
  heading: row.course,
});

/** The read side: latest positions, a vehicle's history, its trips and stops. Every read names the organisation, except NearestVehicles' internal one. */
export class PgPositionQueries implements PositionQueries {
  readonly #db: Queryable;

  constructor(db: Queryable) {
    this.#db = db;
  }

  async latestOfOrg(orgId: string): Promise<FeedPosition[]> {
    const { rows } = await this.#db.query<LatestRow>(
      `SELECT ${LATEST_COLUMNS} FROM tracking.latest_positions WHERE org_id = $1 ORDER BY vehicle_id`,
      [orgId],
    );
    return rows.map(toFeedPosition);
  }

  async latestOfVehicles(vehicleIds: readonly string[], orgId?: string): Promise<FeedPosition[]> {
    // Vehicle ids are unique per organisation only: without one, the newest report of an id wins.
    const { rows } = await this.#db.query<LatestRow>(
      `SELECT DISTINCT ON (vehicle_id) ${LATEST_COLUMNS} FROM tracking.latest_positions
        WHERE vehicle_id = ANY($1::text[]) AND ($2::uuid IS NULL OR org_id = $2)
        ORDER BY vehicle_id, fix_time DESC`,
      [vehicleIds, orgId ?? null],
    );
    return rows.map(toFeedPosition);
  }

  async history(
    orgId: string,
    vehicleId: string,
    range: { from: Date; to: Date },
    limit: number,
  ): Promise<HistoryPosition[]> {
    const { rows } = await this.#db.query<
      LatestRow & { valid: boolean; altitude: number | null; accuracy: number | null; battery: number | null }
    >(
      `SELECT ${LATEST_COLUMNS}, valid, altitude, accuracy, battery FROM tracking.positions
        WHERE org_id = $1 AND vehicle_id = $2 AND fix_time BETWEEN $3 AND $4
        ORDER BY fix_time, device_id LIMIT $5`,
      [orgId, vehicleId, range.from, range.to, limit],
    );
    return rows.map((row) => ({
      ...toFeedPosition(row),
      valid: row.valid,
      altitude: row.altitude,
      accuracy: row.accuracy,
      battery: row.battery,
    }));
  }

  async segments(orgId: string, vehicleId: string, range: { from: Date; to: Date }): Promise<Segment[]> {
    const { rows } = await this.#db.query<{
      device_id: string;
      kind: 'trip' | 'stop';
      started_at: Date;
      ended_at: Date;
      start_latitude: number;
      start_longitude: number;
      end_latitude: number;
      end_longitude: number;
      distance_metres: number;
    }>(
      `SELECT device_id::text, kind, started_at, ended_at, start_latitude, start_longitude, end_latitude,
              end_longitude, distance_metres
         FROM tracking.motion_segments
        WHERE org_id = $1 AND vehicle_id = $2 AND ended_at >= $3 AND started_at <= $4
        ORDER BY started_at, id`,
      [orgId, vehicleId, range.from, range.to],
    );
    return rows.map((row) => ({
      orgId,
      vehicleId,
      deviceId: row.device_id,
      kind: row.kind,
      startedAt: row.started_at,
      endedAt: row.ended_at,
      from: { latitude: row.start_latitude, longitude: row.start_longitude },
      to: { latitude: row.end_latitude, longitude: row.end_longitude },
      distanceMetres: row.distance_metres,
    }));
  }

  async motionState(orgId: string, vehicleId: string): Promise<MotionState | null> {
    const { rows } = await this.#db.query<{ state: unknown }>(
      'SELECT state FROM tracking.motion_states WHERE org_id = $1 AND vehicle_id = $2',
      [orgId, vehicleId],
    );
    const state = rows[0]?.state;
    return state === undefined || state === null ? null : motionStateSchema.parse(state);
  }
}
