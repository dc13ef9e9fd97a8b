import type { AllocationState, ItemAllocation, Offer, VehicleState } from '../domain/index.js';
import type { Queryable } from './database.js';
import {
  ITEM_COLUMNS,
  type ItemRow,
  OFFER_COLUMNS,
  type OfferRow,
  toItem,
  toOffer,
  toVehicle,
  VEHICLE_COLUMNS,
  type VehicleRow,
} from './state-rows.js';

/** Besides an organisation's items in play, the items and offers one input is about. */
export interface StateFocus {
  readonly itemIds?: readonly string[];
  readonly offerIds?: readonly string[];
}

/**
 * The share of the read model a decision for one organisation needs: all its vehicles, its items
 * still waiting or offered, the items and offers the input names (a repeated `itemCreated` must
 * find its item even when final; an answer must find its offer even when closed), and every
 * offer of the loaded items plus every open one. Settled history is left in the database, so the
 * work per event does not grow with it. Call inside the transaction that holds the
 * organisation's lock.
 * @example
 * const state = await loadOrgState(tx, orgId, { offerIds: [input.detail.offerId] });
 */
export async function loadOrgState(
  db: Queryable,
  orgId: string,
  focus: StateFocus = {},
): Promise<AllocationState> {
  const offerIds = [...(focus.offerIds ?? [])];
  const vehicles = await db.query<VehicleRow>(
    `SELECT ${VEHICLE_COLUMNS} FROM allocation.vehicles WHERE org_id = $1`,
    [orgId],
  );
  const items = await db.query<ItemRow>(
    `SELECT ${ITEM_COLUMNS} FROM allocation.items
     WHERE org_id = $1 AND (status IN ('waiting', 'offered') OR item_id = ANY($2::text[])
       OR item_id IN (SELECT item_id FROM allocation.offers WHERE org_id = $1 AND offer_id = ANY($3::text[])))`,
    [orgId, [...(focus.itemIds ?? [])], offerIds],
  );
  const itemIds = items.rows.map((row) => row.item_id);
  const offers = await db.query<OfferRow>(
    `SELECT ${OFFER_COLUMNS} FROM allocation.offers
     WHERE org_id = $1 AND (status = 'open' OR item_id = ANY($2::text[]) OR offer_id = ANY($3::text[]))`,
    [orgId, itemIds, offerIds],
  );
  return {
    vehicles: Object.fromEntries(vehicles.rows.map((row) => [row.vehicle_id, toVehicle(row)])),
    items: Object.fromEntries(items.rows.map((row) => [row.item_id, toItem(row)])),
    offers: Object.fromEntries(offers.rows.map((row) => [row.offer_id, toOffer(row)])),
  };
}

/**
 * Writes what a decision changed: every vehicle, item and offer of `after` that differs from
 * `before` (the state as loaded). Closed offers are written before open ones, so the unique
 * indexes (one open offer per vehicle and per item) see a vehicle freed before it is offered again.
 * @example
 * await saveOrgState(tx, loaded, decision.state);
 */
export async function saveOrgState(
  db: Queryable,
  before: AllocationState,
  after: AllocationState,
): Promise<void> {
  const offers = changed(before.offers, after.offers);
  await upsertOffers(
    db,
    offers.filter((offer) => offer.status !== 'open'),
  );
  await upsertOffers(
    db,
    offers.filter((offer) => offer.status === 'open'),
  );
  await upsertItems(db, changed(before.items, after.items));
  await upsertVehicles(db, changed(before.vehicles, after.vehicles));
}

function changed<T>(before: Readonly<Record<string, T>>, after: Readonly<Record<string, T>>): T[] {
  return Object.entries(after)
    .filter(([key, value]) => JSON.stringify(before[key]) !== JSON.stringify(value))
    .map(([, value]) => value);
}

async function upsertOffers(db: Queryable, offers: readonly Offer[]): Promise<void> {
  if (offers.length === 0) return;
  const rows = offers.map((offer) => ({
    offer_id: offer.offerId,
    item_id: offer.itemId,
    org_id: offer.orgId,
    vehicle_id: offer.vehicleId,
    offered_at: offer.offeredAt,
    deadline: offer.deadline,
    status: offer.status,
  }));
  await db.query(
    `INSERT INTO allocation.offers (${OFFER_COLUMNS})
     SELECT ${OFFER_COLUMNS} FROM json_populate_recordset(null::allocation.offers, $1::json)
     ON CONFLICT (offer_id) DO UPDATE SET status = excluded.status, deadline = excluded.deadline`,
    [JSON.stringify(rows)],
  );
}

async function upsertItems(db: Queryable, items: readonly ItemAllocation[]): Promise<void> {
  if (items.length === 0) return;
  const rows = items.map((item) => ({
    item_id: item.itemId,
    org_id: item.orgId,
    pickup_lat: item.pickup.lat,
    pickup_lon: item.pickup.lon,
    created_at: item.createdAt,
    created_event_id: item.createdEventId,
    status: item.status,
    offer_count: item.offerCount,
    tried: item.tried,
    current_offer_id: item.currentOfferId,
    accepted_vehicle_id: item.acceptedVehicleId,
  }));
  await db.query(
    `INSERT INTO allocation.items
       (item_id, org_id, pickup_lat, pickup_lon, created_at, created_event_id, status, offer_count,
        tried, current_offer_id, accepted_vehicle_id)
     SELECT item_id, org_id, pickup_lat, pickup_lon, created_at, created_event_id, status, offer_count,
        tried, current_offer_id, accepted_vehicle_id
     FROM json_populate_recordset(null::allocation.items, $1::json)
     ON CONFLICT (item_id) DO UPDATE SET status = excluded.status, offer_count = excluded.offer_count,
       tried = excluded.tried, current_offer_id = excluded.current_offer_id,
       accepted_vehicle_id = excluded.accepted_vehicle_id`,
    [JSON.stringify(rows)],
  );
}

async function upsertVehicles(db: Queryable, vehicles: readonly VehicleState[]): Promise<void> {
  if (vehicles.length === 0) return;
  const rows = vehicles.map((vehicle) => ({
    vehicle_id: vehicle.vehicleId,
    org_id: vehicle.orgId,
    availability: vehicle.availability,
    availability_event_id: vehicle.availabilityEventId,
    availability_version: vehicle.availabilityVersion,
    open_offer_id: vehicle.openOfferId,
  }));
  await db.query(
    `INSERT INTO allocation.vehicles
       (vehicle_id, org_id, availability, availability_event_id, availability_version, open_offer_id)
     SELECT vehicle_id, org_id, availability, availability_event_id, availability_version, open_offer_id
     FROM json_populate_recordset(null::allocation.vehicles, $1::json)
     ON CONFLICT (vehicle_id) DO UPDATE SET org_id = excluded.org_id, availability = excluded.availability,
       availability_event_id = excluded.availability_event_id,
       availability_version = excluded.availability_version, open_offer_id = excluded.open_offer_id`,
    [JSON.stringify(rows)],
  );
}
