import { type AttemptReport, fanOut } from './fan-out.js';
import type { DeliveryLedger, DeliveryTransport } from './ports.js';
import type { RetryPolicy } from './retry-policy.js';

/** What the retry sweep needs. */
export interface SweepDependencies {
  readonly ledger: Pick<DeliveryLedger, 'claimDue' | 'record'>;
  readonly transport: DeliveryTransport;
  readonly policy: RetryPolicy;
  /** Deliveries claimed per round. */
  readonly batchSize: number;
  /** How long a claim holds before another sweep may take the delivery. */
  readonly leaseSeconds: number;
  /** True once the sweep should stop claiming (its invocation is running out of time). */
  readonly timeIsUp: () => boolean;
}

/** What one sweep did. */
export interface SweepSummary {
  readonly attempted: number;
  readonly delivered: number;
  readonly failed: number;
  readonly dead: number;
  readonly reports: readonly AttemptReport[];
}

/**
 * The retry sweep: claims the deliveries that are due — failed ones whose backoff has passed, and
 * pending ones whose SendEvent died before trying them — attempts them, records the outcomes, and
 * repeats until none are due or time is up. Claims skip rows another sweep holds, so two sweeps
 * never attempt one delivery at once.
 * @example
 * const summary = await sweepDue({ ledger, transport, policy, batchSize: 200, leaseSeconds: 120, timeIsUp });
 */
export async function sweepDue(deps: SweepDependencies): Promise<SweepSummary> {
  const reports: AttemptReport[] = [];
  while (!deps.timeIsUp()) {
    const claimed = await deps.ledger.claimDue(deps.batchSize, deps.leaseSeconds);
    if (claimed.length === 0) break;
    const round = await fanOut(claimed, deps.transport, deps.policy);
    await deps.ledger.record(round.map((report) => report.outcome));
    reports.push(...round);
    if (claimed.length < deps.batchSize) break;
  }
  const count = (status: string) => reports.filter((report) => report.outcome.status === status).length;
  return {
    attempted: reports.length,
    delivered: count('delivered'),
    failed: count('failed'),
    dead: count('dead'),
    reports,
  };
}
