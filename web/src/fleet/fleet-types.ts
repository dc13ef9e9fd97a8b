/** A vehicle's availability: the colour of its marker. */
export type Availability = 'offline' | 'available' | 'busy';

/** A vehicle as `GET /vehicles` lists it (docs/fleet.md). */
export interface Vehicle {
  readonly vehicleId: string;
  readonly name: string;
  readonly plate: string;
  readonly vehicleType: string;
  readonly capacityKg: number;
  readonly availability: Availability;
  readonly driverId: string | null;
  readonly onDuty: boolean;
  /**
   * The vehicles service's availability version (`availabilityVersion` of the API, `version` of
   * its events): the order of the vehicle's availability changes. Null when the source had none.
   */
  readonly availabilityVersion: number | null;
  readonly updatedAt: string;
}

/** A vehicle's latest position (`GET /tracking/positions/latest`, realtime `positions`). */
export interface Position {
  readonly vehicleId: string;
  readonly deviceId: string;
  readonly lat: number;
  readonly lon: number;
  readonly fixTime: string;
  readonly speedKph: number | null;
  readonly heading: number | null;
}

/** A pickup or drop-off point. */
export interface Place {
  readonly lat: number;
  readonly lon: number;
  readonly address?: string;
}

/** One step of an item's life (`GET /items/org/{itemId}`). */
export interface TimelineEntry {
  readonly status: string;
  readonly at: string;
  readonly detail?: string;
}

/** A delivery item as the organisation's item routes return it. */
export interface Item {
  readonly itemId: string;
  readonly reference: string;
  readonly status: string;
  readonly pickup: Place;
  readonly dropoff: Place;
  readonly vehicleId: string | null;
  readonly createdAt: string | null;
  readonly updatedAt: string | null;
  readonly timeline: readonly TimelineEntry[];
}

/** An open offer of an item to a vehicle: drawn as a line from the item's pickup to the vehicle. */
export interface Offer {
  readonly offerId: string;
  readonly itemId: string;
  readonly vehicleId: string;
  readonly deadline: string | null;
}

/** A fleet event as the realtime API pushes it. */
export interface FleetEvent {
  readonly id: string;
  readonly type: string;
  readonly time: string;
  readonly detail: Record<string, unknown>;
}

export const AVAILABILITIES: readonly Availability[] = ['offline', 'available', 'busy'];
export const ITEM_STATUSES = [
  'created',
  'allocating',
  'allocated',
  'picked_up',
  'delivered',
  'cancelled',
  'failed',
  'unallocated',
] as const;
/** Statuses after which an item is no longer drawn on the map. */
export const FINISHED_ITEM_STATUSES = new Set(['delivered', 'cancelled', 'failed', 'unallocated']);
