import type { DevicePresence } from '../domain/device-presence.js';
import type { IngestionPlan, IngestionSnapshot } from '../domain/ingestion-plan.js';
import { type MotionState, motionStateSchema } from '../domain/motion-state.js';
import type { IngestionStore, RecordedPositions } from '../domain/ports.js';
import { positionKey } from '../domain/position-key.js';
import { type DeviceRef, type TrackedPosition, vehicleKey } from '../domain/tracked-position.js';
import type { Transactional } from './database.js';
import { LOCK_AND_INSERT, SAVE_PLAN } from './ingestion-sql.js';
import { segmentColumns } from './segment-rows.js';

/** A row of {@link LOCK_AND_INSERT}: a locked state, or a position stored or made latest. */
interface RecordRow {
  readonly kind: 'vehicle' | 'device' | 'inserted' | 'latest';
  readonly org_id: string | null;
  readonly vehicle_id: string | null;
  readonly device_id: string | null;
  readonly state: unknown;
  readonly last_seen_at: Date | null;
  readonly status: 'online' | 'offline' | null;
  readonly fix_time: Date | null;
}

/**
 * Ingestion in PostgreSQL: one transaction of two statements per request, whatever its size —
 * lock the states and store the positions and latest ones, (plan in memory), save the plan.
 */
export class PgIngestionStore implements IngestionStore {
  readonly #db: Transactional;

  constructor(db: Transactional) {
    this.#db = db;
  }

  async record(
    positions: readonly TrackedPosition[],
    devices: readonly DeviceRef[],
    receivedAt: Date,
    plan: (snapshot: IngestionSnapshot) => IngestionPlan,
    stored?: (latest: readonly TrackedPosition[]) => void,
  ): Promise<RecordedPositions> {
    const vehicles = uniqueVehicles(positions);
    return this.#db.transaction(async (tx) => {
      const { rows } = await tx.query<RecordRow>({
        // Named: parsed and planned once per connection, not on every request (the functions
        // keep their connection across invocations).
        name: 'tracking_lock_and_insert',
        text: LOCK_AND_INSERT,
        values: [
          vehicles.map((v) => v.orgId),
          vehicles.map((v) => v.vehicleId),
          vehicles.map((v) => v.deviceId),
          devices.map((d) => d.deviceId),
          devices.map((d) => d.orgId),
          devices.map((d) => d.vehicleId),
          ...positionColumns(positions),
          receivedAt,
        ],
      });
      const byKey = new Map(positions.map((position) => [positionKey(position), position]));
      const pick = (kind: RecordRow['kind']): TrackedPosition[] =>
        rows.flatMap((row) => {
          if (row.kind !== kind || !row.device_id || !row.fix_time) return [];
          const position = byKey.get(positionKey({ deviceId: row.device_id, fixTime: row.fix_time }));
          return position ? [position] : [];
        });
      const inserted = pick('inserted');
      const latest = pick('latest');
      stored?.(latest);
      const decided = plan({ inserted, ...snapshotOf(rows) });
      const { columns, distances } = segmentColumns(decided.segments);
      await tx.query({
        name: 'tracking_save_plan',
        text: SAVE_PLAN,
        values: [
          decided.motion.map((m) => m.orgId),
          decided.motion.map((m) => m.vehicleId),
          decided.motion.map((m) => m.deviceId),
          decided.motion.map((m) => JSON.stringify(m.state)),
          decided.presence.map((p) => p.deviceId),
          decided.presence.map((p) => p.lastSeenAt),
          decided.presence.map((p) => p.status),
          ...columns,
          receivedAt,
          distances,
        ],
      });
      return { inserted, latest };
    });
  }
}

function snapshotOf(rows: readonly RecordRow[]): Omit<IngestionSnapshot, 'inserted'> {
  const motion = new Map<string, MotionState | null>();
  const presence = new Map<string, DevicePresence | undefined>();
  for (const row of rows) {
    if (row.kind === 'vehicle' && row.org_id && row.vehicle_id)
      motion.set(
        vehicleKey({ orgId: row.org_id, vehicleId: row.vehicle_id }),
        row.state === null ? null : motionStateSchema.parse(row.state),
      );
    if (row.kind === 'device' && row.device_id)
      presence.set(
        row.device_id,
        row.last_seen_at && row.status
          ? { deviceId: row.device_id, lastSeenAt: row.last_seen_at, status: row.status }
          : undefined,
      );
  }
  return { motion, presence };
}

// One row per vehicle, ordered by key so concurrent requests lock in the same order.
function uniqueVehicles(positions: readonly TrackedPosition[]): DeviceRef[] {
  const byKey = new Map<string, DeviceRef>();
  for (const { orgId, vehicleId, deviceId } of positions)
    byKey.set(vehicleKey({ orgId, vehicleId }), { orgId, vehicleId, deviceId });
  return [...byKey].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, ref]) => ref);
}

function positionColumns(positions: readonly TrackedPosition[]): unknown[][] {
  return [
    positions.map((p) => p.deviceId),
    positions.map((p) => p.fixTime),
    positions.map((p) => p.orgId),
    positions.map((p) => p.vehicleId),
    positions.map((p) => p.latitude),
    positions.map((p) => p.longitude),
    positions.map((p) => p.valid),
    positions.map((p) => p.speedKph),
    positions.map((p) => p.course),
    positions.map((p) => p.altitude),
    positions.map((p) => p.accuracy),
    positions.map((p) => p.battery),
    positions.map((p) => p.charging),
    positions.map((p) => JSON.stringify(p.attributes)),
  ];
}
