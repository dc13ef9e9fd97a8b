import { organisationsInPlay } from '../store/offer-queries.js';
import { allocationOutbox } from '../store/outbox.js';
import { decideForOrganisation } from './organisation-decision.js';
import type { AllocationDeps } from './ports.js';

/** How long an outbox entry may stay unposted before the sweep takes it over. */
const LEFTOVER_AFTER_SECONDS = 10;
/** Outbox entries posted longer ago than this are deleted (the bus keeps the events). */
const KEEP_POSTED_DAYS = 7;

/** What a sweep did. */
export interface SweepSummary {
  readonly leftoversPosted: number;
  readonly organisations: number;
  readonly failedOrganisations: readonly string[];
  readonly pruned: number;
}

/**
 * The minute's sweep: posts outbox events a crashed or failed poster left behind, then runs
 * `offersDue` for every organisation with an open offer or a waiting item (expiring offers past
 * their deadline, offering their items to the next vehicle, failing items that waited too long).
 * One organisation failing (tracking unreachable) does not stop the others; it is retried next
 * minute.
 * @example
 * const summary = await sweepOffers(deps);
 */
export async function sweepOffers(deps: AllocationDeps): Promise<SweepSummary> {
  const { posted: leftoversPosted } = await allocationOutbox.relay(deps.db, {
    graceSeconds: LEFTOVER_AFTER_SECONDS,
    limit: 500,
  });
  const organisations = await organisationsInPlay(deps.db);
  const failedOrganisations: string[] = [];
  for (const orgId of organisations) {
    try {
      await decideForOrganisation(deps, orgId, { type: 'offersDue' });
    } catch (error) {
      failedOrganisations.push(orgId);
      deps.log('Sweeping an organisation failed; the next sweep retries it', { orgId, error });
    }
  }
  const pruned = await allocationOutbox.prune(deps.db, KEEP_POSTED_DAYS);
  return { leftoversPosted, organisations: organisations.length, failedOrganisations, pruned };
}
