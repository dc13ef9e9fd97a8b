import type { ActorKind, ItemActor } from './actor.js';
import type { Item } from './item.js';
import type { ItemStatus } from './item-status.js';

/** One status change of an item, as the timeline keeps it. */
export interface TimelineEntry {
  readonly status: ItemStatus;
  /** Null for the entry of the item's creation. */
  readonly previous: ItemStatus | null;
  readonly at: string;
  /** Who made the change: the client system, the driver, or allocation (through its events). */
  readonly actor: ActorKind;
  /** The client id or the driver's user id; null for allocation. */
  readonly actorId: string | null;
  readonly reason: string | null;
  readonly vehicleId: string | null;
  readonly driverId: string | null;
}

/** An item as the API shows it: ids named for what they are, the assignment flattened. */
export interface ItemView {
  readonly itemId: string;
  readonly orgId: string;
  readonly clientId: string;
  readonly reference: string;
  readonly pickup: Item['pickup'];
  readonly dropoff: Item['dropoff'];
  readonly window: Item['window'];
  readonly size: Item['size'];
  readonly status: ItemStatus;
  readonly vehicleId: string | null;
  readonly driverId: string | null;
  readonly statusReason: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/**
 * The API's view of an item (`itemId`, `vehicleId`, `driverId`, as the fleet's events name them).
 * @example
 * return respond(201, itemView(item));
 */
export function itemView(item: Item): ItemView {
  return {
    itemId: item.id,
    orgId: item.orgId,
    clientId: item.clientId,
    reference: item.reference,
    pickup: item.pickup,
    dropoff: item.dropoff,
    window: item.window,
    size: item.size,
    status: item.status,
    vehicleId: item.assignment?.vehicleId ?? null,
    driverId: item.assignment?.driverId ?? null,
    statusReason: item.statusReason,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
  };
}

/**
 * The timeline entry of a change made by `actor`.
 * @example
 * const entry = timelineEntry(before, after, { kind: 'driver', userId, orgId });
 */
export function timelineEntry(previous: Item | null, next: Item, actor: ItemActor): TimelineEntry {
  return {
    status: next.status,
    previous: previous?.status ?? null,
    at: next.updatedAt,
    actor: actor.kind,
    actorId: actor.kind === 'client' ? actor.clientId : actor.kind === 'driver' ? actor.userId : null,
    reason: previous === null ? null : next.statusReason !== previous.statusReason ? next.statusReason : null,
    vehicleId: next.assignment?.vehicleId ?? null,
    driverId: next.assignment?.driverId ?? null,
  };
}
