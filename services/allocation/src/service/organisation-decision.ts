import { type AllocationDecision, type AllocationInput, decide } from '../domain/index.js';
import { loadOrgState, type StateFocus, saveOrgState } from '../store/allocation-state-store.js';
import { lockOrganisation } from '../store/org-lock.js';
import { allocationOutbox } from '../store/outbox.js';
import type { AllocationDeps, Cause } from './ports.js';

/**
 * Applies one input to one organisation: in a single transaction, take the organisation's lock,
 * load its share of the read model, `decide`, save what changed and stage the emitted events in the
 * outbox; after the commit, publish them. A failure before the commit changes nothing (the message
 * is retried); a crash or a failed post after it leaves the events in the outbox for the sweep.
 * Events caused by a bus event carry its correlation id and its id as their cause.
 * @example
 * const decision = await decideForOrganisation(deps, orgId, input, { itemIds: [itemId] }, cause);
 */
export async function decideForOrganisation(
  deps: AllocationDeps,
  orgId: string,
  input: AllocationInput,
  focus: StateFocus = {},
  cause?: Cause,
): Promise<AllocationDecision> {
  const { decision, staged } = await deps.db.transaction(async (tx) => {
    await lockOrganisation(tx, orgId);
    const state = await loadOrgState(tx, orgId, focus);
    // The clock is read under the lock: a decision that waited for it judges deadlines as of now.
    const decided = await decide(state, input, {
      now: deps.clock(),
      nearest: deps.nearest,
      settings: deps.settings,
    });
    if (decided.state !== state) await saveOrgState(tx, state, decided.state);
    const events = await allocationOutbox.stage(
      tx,
      decided.emit.map((event) => ({ ...event, orgId, ...(cause === undefined ? {} : { cause }) })),
    );
    return { decision: decided, staged: events };
  });
  await allocationOutbox.publish(deps.db, staged);
  return decision;
}
