import type { Offer, Point } from '../domain/index.js';
import type { Queryable } from './database.js';
import { type OfferRow, toOffer } from './state-rows.js';

/** An offer as the API shows it: the offer and where its item is picked up. */
export type OfferView = Offer & { readonly pickup: Point };

type OfferViewRow = OfferRow & { readonly pickup_lat: number; readonly pickup_lon: number };

const VIEW = `SELECT o.offer_id, o.item_id, o.org_id, o.vehicle_id, o.offered_at, o.deadline, o.status,
    i.pickup_lat, i.pickup_lon
  FROM allocation.offers o JOIN allocation.items i ON i.item_id = o.item_id`;

const toView = (row: OfferViewRow): OfferView => ({
  ...toOffer(row),
  pickup: { lat: row.pickup_lat, lon: row.pickup_lon },
});

/**
 * One offer of the organisation; undefined for a missing one and for another organisation's alike.
 * @example
 * const offer = await findOffer(db, caller.orgId, path.offerId);
 */
export async function findOffer(
  db: Queryable,
  orgId: string,
  offerId: string,
): Promise<OfferView | undefined> {
  const { rows } = await db.query<OfferViewRow>(`${VIEW} WHERE o.org_id = $1 AND o.offer_id = $2`, [
    orgId,
    offerId,
  ]);
  return rows[0] === undefined ? undefined : toView(rows[0]);
}

/**
 * The organisation's offers, newest first, optionally of one status and one vehicle.
 * @example
 * const open = await listOffers(db, orgId, { status: 'open', vehicleId });
 */
export async function listOffers(
  db: Queryable,
  orgId: string,
  filter: { readonly status?: Offer['status']; readonly vehicleId?: string; readonly limit: number },
): Promise<OfferView[]> {
  const { rows } = await db.query<OfferViewRow>(
    `${VIEW} WHERE o.org_id = $1 AND ($2::text IS NULL OR o.status = $2) AND ($3::text IS NULL OR o.vehicle_id = $3)
     ORDER BY o.offered_at DESC, o.offer_id DESC LIMIT $4`,
    [orgId, filter.status ?? null, filter.vehicleId ?? null, filter.limit],
  );
  return rows.map(toView);
}

/**
 * The organisation an offer belongs to, for routing a driver's answer (which carries no
 * organisation) to the right lock.
 * @example
 * const orgId = await organisationOfOffer(db, detail.offerId);
 */
export async function organisationOfOffer(db: Queryable, offerId: string): Promise<string | undefined> {
  const { rows } = await db.query<{ org_id: string }>(
    'SELECT org_id FROM allocation.offers WHERE offer_id = $1',
    [offerId],
  );
  return rows[0]?.org_id;
}

/**
 * The organisations with work for the sweep: an open offer, or an item waiting for a vehicle.
 * @example
 * for (const orgId of await organisationsInPlay(db)) await sweepOrganisation(orgId);
 */
export async function organisationsInPlay(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<{ org_id: string }>(
    `SELECT org_id FROM allocation.offers WHERE status = 'open'
     UNION SELECT org_id FROM allocation.items WHERE status IN ('waiting', 'offered')`,
  );
  return rows.map((row) => row.org_id).sort();
}
