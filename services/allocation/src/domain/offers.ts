import type { Point } from './inputs.js';
import type { AllocationState, ItemAllocation, Offer } from './read-model.js';

/** How an open offer can close. */
export type OfferClosing = Exclude<Offer['status'], 'open'>;

/**
 * Records a new open offer of `item` to `vehicleId` in the draft state and returns it. The id is
 * derived from the item and its attempt number, so replaying the same inputs yields the same ids.
 * @example
 * const offer = openOffer(draft, item, 'v1', now, 60_000);
 */
export function openOffer(
  draft: AllocationState,
  item: ItemAllocation,
  vehicleId: string,
  now: Date,
  ttlMs: number,
): Offer {
  item.offerCount += 1;
  const offer: Offer = {
    offerId: `${item.itemId}:${item.offerCount}`,
    itemId: item.itemId,
    orgId: item.orgId,
    vehicleId,
    offeredAt: now.toISOString(),
    deadline: new Date(now.getTime() + ttlMs).toISOString(),
    status: 'open',
  };
  draft.offers[offer.offerId] = offer;
  item.status = 'offered';
  item.currentOfferId = offer.offerId;
  const vehicle = draft.vehicles[vehicleId];
  if (vehicle) vehicle.openOfferId = offer.offerId;
  return offer;
}

/**
 * Closes an open offer in the draft state and frees its vehicle. Accepting settles the item;
 * rejection and expiry mark the vehicle tried and put the item back to waiting; a withdrawn offer
 * (the vehicle went off duty) does not count as tried, so the vehicle may be asked again later.
 * @example
 * closeOffer(draft, offer, 'rejected');
 */
export function closeOffer(draft: AllocationState, offer: Offer, closing: OfferClosing): void {
  offer.status = closing;
  const vehicle = draft.vehicles[offer.vehicleId];
  if (vehicle?.openOfferId === offer.offerId) vehicle.openOfferId = null;
  const item = draft.items[offer.itemId];
  if (!item || item.currentOfferId !== offer.offerId) return;
  item.currentOfferId = null;
  if (closing !== 'withdrawn' && !item.tried.includes(offer.vehicleId)) item.tried.push(offer.vehicleId);
  if (closing === 'accepted') {
    item.status = 'accepted';
    item.acceptedVehicleId = offer.vehicleId;
  } else {
    item.status = 'waiting';
  }
}

/** The `allocationOffered` detail of an offer. */
export function offeredDetail(offer: Offer, pickup: Point) {
  return {
    offerId: offer.offerId,
    itemId: offer.itemId,
    orgId: offer.orgId,
    vehicleId: offer.vehicleId,
    pickup,
    deadline: offer.deadline,
  };
}

/** The fields every offer event carries. */
export function offerRef(offer: Offer) {
  return { offerId: offer.offerId, itemId: offer.itemId, orgId: offer.orgId, vehicleId: offer.vehicleId };
}
