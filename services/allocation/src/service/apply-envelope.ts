import type { EventEnvelope } from '@motorcade/lambda';
import { allocationInputSchema, driverAssignedInputSchema } from '../domain/index.js';
import { recordDriverAssignment } from '../store/driver-store.js';
import { organisationOfOffer } from '../store/offer-queries.js';
import { decideForOrganisation } from './organisation-decision.js';
import type { AllocationDeps } from './ports.js';

/** The event types allocation listens to (its template declares one listener per type). */
export const CONSUMED_TYPES = [
  'itemCreated',
  'vehicleRegistered',
  'vehicleStatusChanged',
  'driverAssigned',
  'offerAccepted',
  'offerRejected',
] as const;

/** What applying an envelope did, for the log. */
export type ApplyResult =
  | {
      readonly applied: 'decision';
      readonly orgId: string;
      readonly outcome: string;
      readonly refusal?: string;
    }
  | { readonly applied: 'driverAssignment'; readonly changed: boolean }
  | { readonly applied: 'ignored'; readonly reason: string };

/**
 * Applies one bus envelope: a driver assignment goes to its register; every other type is parsed
 * into the domain's input and decided for its organisation (an answer's organisation is its
 * offer's). An envelope that does not parse throws a ValidationError (the message is retried and
 * ends in the dead-letter queue, where a person can look at it); an answer to an offer allocation
 * never made, and a type allocation does not handle, are ignored.
 * @example
 * const result = await applyEnvelope(deps, JSON.parse(record.body));
 */
export async function applyEnvelope(deps: AllocationDeps, envelope: EventEnvelope): Promise<ApplyResult> {
  const cause = { id: envelope.id, correlationId: envelope.correlationId };
  const fields = { type: envelope.type, id: envelope.id, time: envelope.time, detail: envelope.detail };
  if (envelope.type === 'driverAssigned') {
    const { id, detail } = driverAssignedInputSchema.parse(fields);
    const changed = await recordDriverAssignment(deps.db, { ...detail, eventId: id });
    return { applied: 'driverAssignment', changed };
  }
  if (!(CONSUMED_TYPES as readonly string[]).includes(envelope.type))
    return { applied: 'ignored', reason: `allocation does not handle ${envelope.type}` };
  const input = allocationInputSchema.parse(fields);
  switch (input.type) {
    case 'itemCreated':
      return outcomeOf(
        input.detail.orgId,
        await decideForOrganisation(
          deps,
          input.detail.orgId,
          input,
          { itemIds: [input.detail.itemId] },
          cause,
        ),
      );
    case 'vehicleRegistered':
    case 'vehicleStatusChanged':
      return outcomeOf(
        input.detail.orgId,
        await decideForOrganisation(deps, input.detail.orgId, input, {}, cause),
      );
    case 'offerAccepted':
    case 'offerRejected': {
      const orgId = await organisationOfOffer(deps.db, input.detail.offerId);
      if (orgId === undefined)
        return { applied: 'ignored', reason: `no offer ${input.detail.offerId} was made` };
      const decision = await decideForOrganisation(
        deps,
        orgId,
        input,
        { offerIds: [input.detail.offerId] },
        cause,
      );
      return outcomeOf(orgId, decision);
    }
    case 'offersDue':
      return { applied: 'ignored', reason: 'offersDue comes from the schedule, not the bus' };
  }
}

function outcomeOf(
  orgId: string,
  decision: { readonly outcome: string; readonly refusal?: { readonly code: string } },
): ApplyResult {
  return {
    applied: 'decision',
    orgId,
    outcome: decision.outcome,
    ...(decision.refusal ? { refusal: decision.refusal.code } : {}),
  };
}
