import type { Item } from './item.js';
import type { ItemStatus } from './item-status.js';
import type { Place } from './place.js';

/** An event the service will post, before the bus adds its envelope. */
export type PendingEvent =
  | { readonly type: 'itemCreated'; readonly detail: ItemCreatedDetail }
  | { readonly type: 'itemStatusChanged'; readonly detail: ItemStatusChangedDetail };

/** `itemCreated`, as docs/fleet.md defines it. */
export interface ItemCreatedDetail {
  readonly itemId: string;
  readonly orgId: string;
  readonly clientId: string;
  readonly reference: string;
  readonly pickup: Place;
  readonly dropoff: Place;
  readonly window: { readonly from: string; readonly to: string };
  readonly sizeKg: number;
}

/** `itemStatusChanged`, as docs/fleet.md defines it; vehicle and driver null until allocated. */
export interface ItemStatusChangedDetail {
  readonly itemId: string;
  readonly orgId: string;
  readonly status: ItemStatus;
  readonly previous: ItemStatus;
  readonly vehicleId: string | null;
  readonly driverId: string | null;
}

/**
 * The `itemCreated` event of a new item.
 * @example
 * const event = itemCreated(item); // { type: 'itemCreated', detail: { itemId, …, sizeKg } }
 */
export function itemCreated(item: Item): PendingEvent {
  return {
    type: 'itemCreated',
    detail: {
      itemId: item.id,
      orgId: item.orgId,
      clientId: item.clientId,
      reference: item.reference,
      pickup: item.pickup,
      dropoff: item.dropoff,
      window: item.window,
      sizeKg: item.size.weightKg,
    },
  };
}

/**
 * The `itemStatusChanged` event of a status change, naming the vehicle and driver once the item
 * has them (a cancelled allocated item still names who had it, so their vehicle can be freed).
 * @example
 * const event = itemStatusChanged(before, after);
 */
export function itemStatusChanged(previous: Item, next: Item): PendingEvent {
  return {
    type: 'itemStatusChanged',
    detail: {
      itemId: next.id,
      orgId: next.orgId,
      status: next.status,
      previous: previous.status,
      vehicleId: next.assignment?.vehicleId ?? null,
      driverId: next.assignment?.driverId ?? null,
    },
  };
}
