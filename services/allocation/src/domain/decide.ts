import { dispatchWaiting } from './dispatch.js';
import type { OfferRefusal } from './errors.js';
import type { AllocationInput, AllocationInputOf } from './inputs.js';
import { answerOffer } from './offer-answers.js';
import { expireDueOffers, giveUpWaiting } from './offer-expiry.js';
import type { AllocationEvent } from './outputs.js';
import type { AllocationState } from './read-model.js';
import { type DecisionContext, type ResolvedContext, resolveContext } from './settings.js';
import { applyVehicleFact } from './vehicle-availability.js';

/**
 * What an input did: `applied` changed something, `duplicate` was seen before, `stale` was
 * overtaken by a later fact, `refused` is a driver's answer that cannot be honoured.
 */
export type DecisionOutcome = 'applied' | 'duplicate' | 'stale' | 'refused';

/** The result of one decision: the next state, the events to post, and why an answer was refused. */
export interface AllocationDecision {
  readonly state: AllocationState;
  readonly emit: readonly AllocationEvent[];
  readonly outcome: DecisionOutcome;
  readonly refusal?: OfferRefusal;
}

/**
 * Decides what one input means: folds it into the read model, then offers every waiting item to
 * its nearest free vehicle. Pure apart from `nearest`: the given state is never modified, and the
 * same state, input and context always give the same decision. Every input is idempotent, so an
 * at-least-once, reordering bus can deliver it any number of times.
 * @example
 * const { state: next, emit, refusal } = await decide(state, input, { now: new Date(), nearest });
 * for (const event of emit) await sendEvent(event.type, event.detail);
 */
export async function decide(
  state: AllocationState,
  input: AllocationInput,
  context: DecisionContext,
): Promise<AllocationDecision> {
  const ctx = resolveContext(context);
  // A deep copy is the draft, so a decision that throws halfway (nearest failing) leaves the caller's state whole.
  const draft = structuredClone(state);
  const emit: AllocationEvent[] = [];
  const result = await applyInput(draft, input, ctx, emit);
  if (result.outcome === 'duplicate' || result.outcome === 'stale') return { state, emit: [], ...result };
  await dispatchWaiting(draft, ctx, emit);
  if (input.type === 'offersDue') giveUpWaiting(draft, ctx, emit);
  return { state: draft, emit, ...result };
}

type InputResult = { outcome: DecisionOutcome; refusal?: OfferRefusal };

async function applyInput(
  draft: AllocationState,
  input: AllocationInput,
  ctx: ResolvedContext,
  emit: AllocationEvent[],
): Promise<InputResult> {
  switch (input.type) {
    case 'itemCreated':
      return addItem(draft, input);
    case 'vehicleRegistered':
    case 'vehicleStatusChanged':
      return { outcome: applyVehicleFact(draft, { ...input.detail, eventId: input.id }, emit) };
    case 'offerAccepted':
    case 'offerRejected':
      return answerOffer(draft, input, ctx.now, emit);
    case 'offersDue':
      expireDueOffers(draft, ctx.now, emit);
      return { outcome: 'applied' };
  }
}

function addItem(draft: AllocationState, input: AllocationInputOf<'itemCreated'>): InputResult {
  const { itemId, orgId, pickup } = input.detail;
  if (draft.items[itemId]) return { outcome: 'duplicate' };
  draft.items[itemId] = {
    itemId,
    orgId,
    pickup: { lat: pickup.lat, lon: pickup.lon },
    createdAt: input.time,
    createdEventId: input.id,
    status: 'waiting',
    offerCount: 0,
    tried: [],
    currentOfferId: null,
    acceptedVehicleId: null,
  };
  return { outcome: 'applied' };
}
