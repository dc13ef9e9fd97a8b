/** The stable codes of the allocation service's errors and refusals; clients and tests switch on them. */
export const ALLOCATION_ERROR = {
  /** No offer with this id was ever made. */
  offerNotFound: 'OFFER_NOT_FOUND',
  /** The answer comes from a vehicle other than the one the offer was made to. */
  offerNotForVehicle: 'OFFER_NOT_FOR_VEHICLE',
  /** The offer's deadline passed before the answer arrived. */
  offerExpired: 'OFFER_EXPIRED',
  /** The offer was closed otherwise (answered the other way, or withdrawn) and the item moved on. */
  offerSuperseded: 'OFFER_SUPERSEDED',
  /** The driver drives no vehicle (as the vehicles service's `driverAssigned` events tell). */
  noVehicle: 'NO_VEHICLE',
  /** The caller's role may not do this. */
  forbidden: 'FORBIDDEN',
} as const;

/** One of {@link ALLOCATION_ERROR}. */
export type AllocationErrorCode = (typeof ALLOCATION_ERROR)[keyof typeof ALLOCATION_ERROR];

/**
 * The base of the allocation domain's errors: a stable `code`, a one-line message fit for the
 * caller, the original error as `cause`.
 * @example
 * throw new AllocationError(ALLOCATION_ERROR.offerNotFound, 'No offer item-1:2');
 */
export class AllocationError extends Error {
  readonly code: AllocationErrorCode;

  constructor(code: AllocationErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    // A literal, not new.target.name: bundles are minified (SAM's default) and would mangle it.
    this.name = 'AllocationError';
    this.code = code;
  }
}

/** Why a driver's answer was not honoured, as the decision reports it (data, never thrown). */
export interface OfferRefusal {
  readonly code: AllocationErrorCode;
  readonly offerId: string;
  readonly message: string;
}

/**
 * A driver's answer the domain refused, for handlers that answer the driver synchronously
 * (the driver API maps it to 409 and shows `message`).
 * @example
 * if (decision.refusal) throw new OfferRefusedError(decision.refusal);
 */
export class OfferRefusedError extends AllocationError {
  readonly offerId: string;

  constructor(refusal: OfferRefusal) {
    super(refusal.code, refusal.message);
    this.name = 'OfferRefusedError';
    this.offerId = refusal.offerId;
  }
}
