import { failItem } from './dispatch.js';
import { closeOffer, offerRef } from './offers.js';
import type { AllocationEvent } from './outputs.js';
import type { AllocationState, Offer } from './read-model.js';
import type { ResolvedContext } from './settings.js';

/**
 * Whether an offer's deadline has come. The deadline itself counts as late, so an answer and the
 * sweep at the same instant agree.
 * @example
 * if (isPastDeadline(offer, now)) refuse();
 */
export function isPastDeadline(offer: Offer, now: Date): boolean {
  return now.getTime() >= Date.parse(offer.deadline);
}

/**
 * Closes every open offer whose deadline has come, in deadline order, and reports each as
 * `allocationExpired` (reason `deadline`). The item goes back to waiting with the vehicle tried.
 * @example
 * expireDueOffers(draft, now, emit);
 */
export function expireDueOffers(draft: AllocationState, now: Date, emit: AllocationEvent[]): void {
  const due = Object.values(draft.offers)
    .filter((offer) => offer.status === 'open' && isPastDeadline(offer, now))
    .sort((a, b) => Date.parse(a.deadline) - Date.parse(b.deadline) || a.offerId.localeCompare(b.offerId));
  for (const offer of due) expireOffer(draft, offer, emit);
}

/**
 * Closes one open offer for its deadline and reports it.
 * @example
 * expireOffer(draft, offer, emit);
 */
export function expireOffer(draft: AllocationState, offer: Offer, emit: AllocationEvent[]): void {
  closeOffer(draft, offer, 'expired');
  emit.push({ type: 'allocationExpired', detail: { ...offerRef(offer), reason: 'deadline' } });
}

/**
 * Fails every item still waiting `maxWaitMs` after it was created: no vehicle came for it in time.
 * Runs after dispatch, so an item with a free candidate is offered rather than given up.
 * @example
 * giveUpWaiting(draft, ctx, emit);
 */
export function giveUpWaiting(draft: AllocationState, ctx: ResolvedContext, emit: AllocationEvent[]): void {
  const limit = ctx.now.getTime() - ctx.settings.maxWaitMs;
  const overdue = Object.values(draft.items)
    .filter((item) => item.status === 'waiting' && Date.parse(item.createdAt) <= limit)
    .sort((a, b) => a.itemId.localeCompare(b.itemId));
  for (const item of overdue) failItem(item, 'waitedTooLong', emit);
}
