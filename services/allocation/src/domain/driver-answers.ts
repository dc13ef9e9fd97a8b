import { ALLOCATION_ERROR, AllocationError } from './errors.js';
import { isPastDeadline } from './offer-expiry.js';
import type { Offer } from './read-model.js';

/** A driver's answer to an offer, as the driver API takes it. */
export type DriverAnswer = 'accepted' | 'rejected';

/**
 * Checks a driver's answer before it is posted, so the driver hears at once what the consumer
 * would refuse later. An offer that does not exist and one made to another vehicle are the same
 * `OFFER_NOT_FOUND` (404), so a driver learns nothing about other vehicles' or tenants' offers. A
 * closed offer is `OFFER_EXPIRED` or `OFFER_SUPERSEDED` (409); the same answer again is a
 * `repeat` (202, nothing posted twice). The consumer decides again when the answer arrives:
 * this check only spares the driver a round trip through the bus.
 * @example
 * if (judgeDriverAnswer(offer, vehicleId, 'accepted', new Date()) === 'post') await postEvent('offerAccepted', detail);
 */
export function judgeDriverAnswer(
  offer: Offer | undefined,
  vehicleId: string,
  answer: DriverAnswer,
  now: Date,
): 'post' | 'repeat' {
  if (offer === undefined || offer.vehicleId !== vehicleId)
    throw new AllocationError(ALLOCATION_ERROR.offerNotFound, 'No such offer to your vehicle');
  if (offer.status === answer) return 'repeat';
  if (offer.status === 'expired' || (offer.status === 'open' && isPastDeadline(offer, now)))
    throw new AllocationError(
      ALLOCATION_ERROR.offerExpired,
      `Offer ${offer.offerId} expired at ${offer.deadline}`,
    );
  if (offer.status !== 'open')
    throw new AllocationError(
      ALLOCATION_ERROR.offerSuperseded,
      `Offer ${offer.offerId} is no longer open (${offer.status})`,
    );
  return 'post';
}
