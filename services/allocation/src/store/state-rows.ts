import type { ItemAllocation, Offer, VehicleState } from '../domain/index.js';

/** A row of `allocation.vehicles`. */
export interface VehicleRow {
  readonly vehicle_id: string;
  readonly org_id: string;
  readonly availability: VehicleState['availability'];
  readonly availability_event_id: string;
  /** A bigint, read as text. */
  readonly availability_version: string | null;
  readonly open_offer_id: string | null;
}

/** A row of `allocation.items`. */
export interface ItemRow {
  readonly item_id: string;
  readonly org_id: string;
  readonly pickup_lat: number;
  readonly pickup_lon: number;
  readonly created_at: Date;
  readonly created_event_id: string;
  readonly status: ItemAllocation['status'];
  readonly offer_count: number;
  readonly tried: string[];
  readonly current_offer_id: string | null;
  readonly accepted_vehicle_id: string | null;
}

/** A row of `allocation.offers`. */
export interface OfferRow {
  readonly offer_id: string;
  readonly item_id: string;
  readonly org_id: string;
  readonly vehicle_id: string;
  readonly offered_at: Date;
  readonly deadline: Date;
  readonly status: Offer['status'];
}

/** The read model's vehicle of a row. */
export const toVehicle = (row: VehicleRow): VehicleState => ({
  vehicleId: row.vehicle_id,
  orgId: row.org_id,
  availability: row.availability,
  availabilityEventId: row.availability_event_id,
  availabilityVersion: row.availability_version === null ? null : Number(row.availability_version),
  openOfferId: row.open_offer_id,
});

/** The read model's item of a row. */
export const toItem = (row: ItemRow): ItemAllocation => ({
  itemId: row.item_id,
  orgId: row.org_id,
  pickup: { lat: row.pickup_lat, lon: row.pickup_lon },
  createdAt: row.created_at.toISOString(),
  createdEventId: row.created_event_id,
  status: row.status,
  offerCount: row.offer_count,
  tried: row.tried,
  currentOfferId: row.current_offer_id,
  acceptedVehicleId: row.accepted_vehicle_id,
});

/** The read model's offer of a row. */
export const toOffer = (row: OfferRow): Offer => ({
  offerId: row.offer_id,
  itemId: row.item_id,
  orgId: row.org_id,
  vehicleId: row.vehicle_id,
  offeredAt: row.offered_at.toISOString(),
  deadline: row.deadline.toISOString(),
  status: row.status,
});

/** The columns of each table, in the order the mappers below give their values. */
export const VEHICLE_COLUMNS =
  'vehicle_id, org_id, availability, availability_event_id::text AS availability_event_id, availability_version::text AS availability_version, open_offer_id';
export const ITEM_COLUMNS =
  'item_id, org_id, pickup_lat, pickup_lon, created_at, created_event_id::text AS created_event_id, status, offer_count, tried, current_offer_id, accepted_vehicle_id';
export const OFFER_COLUMNS = 'offer_id, item_id, org_id, vehicle_id, offered_at, deadline, status';
