import {
  ALLOCATION_ERROR,
  AllocationError,
  type DriverAnswer,
  judgeDriverAnswer,
  type Offer,
  type OfferAnswerDetail,
  requireRole,
  type UserCaller,
} from '../domain/index.js';
import type { Queryable } from '../store/database.js';
import { vehicleOfDriver } from '../store/driver-store.js';
import { findOffer, listOffers, type OfferView } from '../store/offer-queries.js';

/** Posts a driver's answer to the bus (`offerAccepted` / `offerRejected`). */
export type PostAnswer = (
  type: 'offerAccepted' | 'offerRejected',
  detail: OfferAnswerDetail,
) => Promise<void>;

/** The most offers one listing returns. */
export const MAX_LISTED_OFFERS = 500;

/** What a driver's answer did: posted for the consumer to decide, or the same answer was already taken. */
export interface AnswerReceipt {
  readonly offerId: string;
  readonly vehicleId: string;
  readonly answer: DriverAnswer;
  readonly status: 'posted' | 'alreadyAnswered';
}

/**
 * The routes of the allocation API: a driver's offers and answers, a dispatcher's listing. Every
 * read names the caller's organisation; a driver's vehicle is the one the vehicles service last
 * assigned them (`driverAssigned`).
 * @example
 * const receipt = await new OfferApi(db).answer(caller, offerId, 'accepted', new Date(), post);
 */
export class OfferApi {
  readonly #db: Queryable;

  constructor(db: Queryable) {
    this.#db = db;
  }

  /** The caller's vehicle and its open offers still within their deadline, newest first. */
  async mine(caller: UserCaller, now: Date): Promise<{ vehicleId: string; offers: OfferView[] }> {
    const vehicleId = await this.#vehicleOf(caller);
    const open = await listOffers(this.#db, caller.orgId, {
      status: 'open',
      vehicleId,
      limit: MAX_LISTED_OFFERS,
    });
    return { vehicleId, offers: open.filter((offer) => Date.parse(offer.deadline) > now.getTime()) };
  }

  /**
   * Checks a driver's answer against the offer as stored and posts it; the consumer decides it
   * under the organisation's lock, and the outcome (`allocationAccepted`, …) arrives as an event.
   */
  async answer(
    caller: UserCaller,
    offerId: string,
    answer: DriverAnswer,
    now: Date,
    post: PostAnswer,
  ): Promise<AnswerReceipt> {
    const vehicleId = await this.#vehicleOf(caller);
    const offer = await findOffer(this.#db, caller.orgId, offerId);
    const verdict = judgeDriverAnswer(offer, vehicleId, answer, now);
    if (verdict === 'post')
      await post(answer === 'accepted' ? 'offerAccepted' : 'offerRejected', {
        offerId,
        vehicleId,
        driverId: caller.userId,
      });
    return { offerId, vehicleId, answer, status: verdict === 'post' ? 'posted' : 'alreadyAnswered' };
  }

  /** The organisation's offers for admins and dispatchers, newest first. */
  async list(
    caller: UserCaller,
    filter: { readonly status?: Offer['status'] },
  ): Promise<{ offers: OfferView[] }> {
    requireRole(caller, 'admin', 'dispatcher');
    return { offers: await listOffers(this.#db, caller.orgId, { ...filter, limit: MAX_LISTED_OFFERS }) };
  }

  async #vehicleOf(caller: UserCaller): Promise<string> {
    requireRole(caller, 'driver');
    const vehicleId = await vehicleOfDriver(this.#db, caller.orgId, caller.userId);
    if (vehicleId === undefined)
      throw new AllocationError(
        ALLOCATION_ERROR.noVehicle,
        'You drive no vehicle: ask a dispatcher to assign you one',
      );
    return vehicleId;
  }
}
