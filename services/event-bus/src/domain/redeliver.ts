import { ListenerNotFoundError } from './errors.js';
import type { DeliveryLedger, ListenerStore, SweepTrigger } from './ports.js';

/** What redelivering dead letters needs. */
export interface RedeliverDependencies {
  readonly listeners: Pick<ListenerStore, 'find'>;
  readonly ledger: Pick<DeliveryLedger, 'reviveDead'>;
  readonly trigger: SweepTrigger;
}

/**
 * Gives a listener's dead letters (all, or the ones named) a fresh retry budget, due now, and
 * wakes the sweep to deliver them.
 * @example
 * const { redelivered } = await redeliverDeadLetters(3, undefined, deps);
 */
export async function redeliverDeadLetters(
  listenerId: number,
  deliveryIds: readonly number[] | undefined,
  deps: RedeliverDependencies,
): Promise<{ readonly listenerId: number; readonly redelivered: number }> {
  if (!(await deps.listeners.find(listenerId))) throw new ListenerNotFoundError(listenerId);
  const redelivered = await deps.ledger.reviveDead(listenerId, deliveryIds);
  if (redelivered > 0) await deps.trigger.wake(`redelivery to listener ${listenerId}`);
  return { listenerId, redelivered };
}
