import { ALLOCATION_ERROR, type AllocationErrorCode, type OfferRefusal } from './errors.js';
import type { AllocationInputOf } from './inputs.js';
import { expireOffer, isPastDeadline } from './offer-expiry.js';
import { closeOffer, offerRef } from './offers.js';
import type { AllocationEvent } from './outputs.js';
import type { AllocationState } from './read-model.js';
import { applyVehicleFact } from './vehicle-availability.js';

/** A driver's answer, accepted or rejected. */
export type OfferAnswer = AllocationInputOf<'offerAccepted'> | AllocationInputOf<'offerRejected'>;

/** What judging an answer did. */
export type AnswerResult =
  | { readonly outcome: 'applied' | 'duplicate' }
  | { readonly outcome: 'refused'; readonly refusal: OfferRefusal };

const refused = (code: AllocationErrorCode, offerId: string, message: string): AnswerResult => ({
  outcome: 'refused',
  refusal: { code, offerId, message },
});

/**
 * Judges a driver's answer against the offer it names. Only an open offer within its deadline can
 * be answered; the same answer again is a harmless repeat; anything else is refused with a stable
 * code. An accept also makes the vehicle busy as of the accept's event id, so it is not offered
 * another item until the vehicles service reports it available after that: the mark carries no
 * vehicles version and keeps the one the register has, so only a change the vehicles service made
 * later (a higher version, such as `available/released`) frees the vehicle, never a late older one
 * (see `applyVehicleFact`).
 * @example
 * const result = answerOffer(draft, input, now, emit);
 */
export function answerOffer(
  draft: AllocationState,
  answer: OfferAnswer,
  now: Date,
  emit: AllocationEvent[],
): AnswerResult {
  const { offerId, vehicleId, driverId } = answer.detail;
  const offer = draft.offers[offerId];
  if (!offer) return refused(ALLOCATION_ERROR.offerNotFound, offerId, `No offer ${offerId} was made`);
  if (offer.vehicleId !== vehicleId)
    return refused(
      ALLOCATION_ERROR.offerNotForVehicle,
      offerId,
      `Offer ${offerId} was made to another vehicle`,
    );
  const wanted = answer.type === 'offerAccepted' ? 'accepted' : 'rejected';
  if (offer.status === wanted) return { outcome: 'duplicate' };
  if (offer.status === 'expired')
    return refused(ALLOCATION_ERROR.offerExpired, offerId, `Offer ${offerId} expired at ${offer.deadline}`);
  if (offer.status !== 'open')
    return refused(
      ALLOCATION_ERROR.offerSuperseded,
      offerId,
      `Offer ${offerId} is no longer open (${offer.status})`,
    );
  if (isPastDeadline(offer, now)) {
    // The sweep has not run yet, but the deadline is the deadline: close it now, as the sweep would.
    expireOffer(draft, offer, emit);
    return refused(ALLOCATION_ERROR.offerExpired, offerId, `Offer ${offerId} expired at ${offer.deadline}`);
  }
  closeOffer(draft, offer, wanted);
  if (wanted === 'accepted') {
    emit.push({ type: 'allocationAccepted', detail: { ...offerRef(offer), driverId } });
    // Allocation's own mark: no `version`, so the register keeps the vehicles service's last one.
    applyVehicleFact(
      draft,
      { vehicleId, orgId: offer.orgId, availability: 'busy', eventId: answer.id },
      emit,
    );
  } else {
    emit.push({ type: 'allocationRejected', detail: { ...offerRef(offer), driverId } });
  }
  return { outcome: 'applied' };
}
