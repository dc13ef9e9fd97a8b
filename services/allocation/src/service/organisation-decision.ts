import { type AllocationDecision, type AllocationInput, decide } from '../domain/index.js';
import { loadOrgState, type StateFocus, saveOrgState } from '../store/allocation-state-store.js';
import { lockOrganisation } from '../store/org-lock.js';
import { enqueueEnvelopes } from '../store/outbox-store.js';
import { envelopeOf, postEntries } from './outbox-posting.js';
import type { AllocationDeps, Cause } from './ports.js';

/**
 * Applies one input to one organisation: in a single transaction, take the organisation's lock,
 * load its share of the read model, `decide`, save what changed and put the emitted events in the
 * outbox; after the commit, post them. A failure before the commit changes nothing (the message is
 * retried); a crash after it leaves the events in the outbox for the sweep.
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
  const { decision, entries } = await deps.db.transaction(async (tx) => {
    await lockOrganisation(tx, orgId);
    const state = await loadOrgState(tx, orgId, focus);
    // The clock is read under the lock: a decision that waited for it judges deadlines as of now.
    const decided = await decide(state, input, {
      now: deps.clock(),
      nearest: deps.nearest,
      settings: deps.settings,
    });
    if (decided.state !== state) await saveOrgState(tx, state, decided.state);
    const queued = await enqueueEnvelopes(
      tx,
      decided.emit.map((event) => envelopeOf(event, cause)),
    );
    return { decision: decided, entries: queued };
  });
  await postEntries(deps.db, deps.post, entries, deps.log);
  return decision;
}
