import type { Item } from '../domain/item.js';
import type { ItemStatus } from '../domain/item-status.js';
import type { TimelineEntry } from '../domain/item-view.js';
import type { Place } from '../domain/place.js';

/** A row of `items.items`. */
export interface ItemRow {
  readonly id: string;
  readonly org_id: string;
  readonly client_id: string;
  readonly reference: string;
  readonly pickup: Place;
  readonly dropoff: Place;
  readonly window_from: Date;
  readonly window_to: Date;
  readonly weight_kg: number;
  readonly volume_litres: number | null;
  readonly status: ItemStatus;
  readonly vehicle_id: string | null;
  readonly driver_id: string | null;
  readonly status_reason: string | null;
  readonly created_at: Date;
  readonly updated_at: Date;
}

/** The columns {@link toItem} reads. */
export const ITEM_COLUMNS = `id, org_id, client_id, reference, pickup, dropoff, window_from, window_to,
  weight_kg, volume_litres, status, vehicle_id, driver_id, status_reason, created_at, updated_at`;

/**
 * An item from its row.
 * @example
 * const items = rows.map(toItem);
 */
export function toItem(row: ItemRow): Item {
  return {
    id: row.id,
    orgId: row.org_id,
    clientId: row.client_id,
    reference: row.reference,
    pickup: row.pickup,
    dropoff: row.dropoff,
    window: { from: row.window_from.toISOString(), to: row.window_to.toISOString() },
    size: {
      weightKg: row.weight_kg,
      ...(row.volume_litres === null ? {} : { volumeLitres: row.volume_litres }),
    },
    status: row.status,
    assignment:
      row.vehicle_id !== null && row.driver_id !== null
        ? { vehicleId: row.vehicle_id, driverId: row.driver_id }
        : null,
    statusReason: row.status_reason,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** A row of `items.item_timeline`. */
export interface TimelineRow {
  readonly status: ItemStatus;
  readonly previous: ItemStatus | null;
  readonly actor: TimelineEntry['actor'];
  readonly actor_id: string | null;
  readonly reason: string | null;
  readonly vehicle_id: string | null;
  readonly driver_id: string | null;
  readonly at: Date;
}

/**
 * A timeline entry from its row.
 * @example
 * const timeline = rows.map(toTimelineEntry);
 */
export function toTimelineEntry(row: TimelineRow): TimelineEntry {
  return {
    status: row.status,
    previous: row.previous,
    at: row.at.toISOString(),
    actor: row.actor,
    actorId: row.actor_id,
    reason: row.reason,
    vehicleId: row.vehicle_id,
    driverId: row.driver_id,
  };
}
