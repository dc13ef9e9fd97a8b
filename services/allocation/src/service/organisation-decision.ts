import {
  type AllocationDecision,
  type AllocationInput,
  decide,
  type NearestVehicles,
} from '../domain/index.js';
import { loadOrgState, type StateFocus, saveOrgState } from '../store/allocation-state-store.js';
import { lockOrganisation } from '../store/org-lock.js';
import { allocationOutbox } from '../store/outbox.js';
import type { AllocationDeps, Cause } from './ports.js';
import { RehearsalMissError, RehearsedRankings } from './rehearsed-nearest.js';

/** Rehearsals before the locked decision asks tracking itself. */
const REHEARSALS = 3;

/**
 * Applies one input to one organisation: in a single transaction, take the organisation's lock,
 * load its share of the read model, `decide`, save what changed and stage the emitted events in the
 * outbox; after the commit, publish them. A failure before the commit changes nothing (the message
 * is retried); a crash or a failed post after it leaves the events in the outbox for the sweep.
 * Events caused by a bus event carry its correlation id and its id as their cause.
 *
 * The transaction never waits on tracking: the decision is first rehearsed on the unlocked state,
 * which asks tracking for the rankings it needs, and the locked decision is served from those. If
 * the state moved in between and the locked decision needs a ranking not asked for, it is
 * rehearsed again (the last attempt asks tracking from inside the transaction). Holding a lock and
 * a connection across a call to another service would make every other decision of the
 * organisation — and, on the embedded database, every query — wait for it.
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
  for (let attempt = 1; ; attempt += 1) {
    const rankings = new RehearsedRankings(deps.nearest);
    const lastAttempt = attempt > REHEARSALS;
    if (!lastAttempt) {
      const unlocked = await loadOrgState(deps.db, orgId, focus);
      await decide(unlocked, input, {
        now: deps.clock(),
        nearest: rankings.recording,
        settings: deps.settings,
      });
    }
    try {
      return await decideLocked(
        deps,
        orgId,
        input,
        focus,
        lastAttempt ? deps.nearest : rankings.replaying,
        cause,
      );
    } catch (error) {
      if (!(error instanceof RehearsalMissError) || lastAttempt) throw error;
    }
  }
}

async function decideLocked(
  deps: AllocationDeps,
  orgId: string,
  input: AllocationInput,
  focus: StateFocus,
  nearest: NearestVehicles,
  cause: Cause | undefined,
): Promise<AllocationDecision> {
  const { decision, staged } = await deps.db.transaction(async (tx) => {
    await lockOrganisation(tx, orgId);
    const state = await loadOrgState(tx, orgId, focus);
    // The clock is read under the lock: a decision that waited for it judges deadlines as of now.
    const decided = await decide(state, input, { now: deps.clock(), nearest, settings: deps.settings });
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
