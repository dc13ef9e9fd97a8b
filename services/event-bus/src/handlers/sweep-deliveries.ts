import { logger, pgConnection, schedule } from '@motorcade/lambda';
import { sweepDue } from '../domain/sweep.js';
import { busSettings } from '../settings.js';
import { DeliveryLedgerStore } from '../store/delivery-ledger-store.js';
import { awsTransport } from '../transport/aws-transport.js';

const settings = busSettings();
// Runs every minute, and whenever the ops API wakes it: worth keeping its connection warm.
const db = pgConnection({
  strategy: 'reuse-across-invocations',
  connectionString: settings.databaseUrl,
  max: 1,
});
const ledger = new DeliveryLedgerStore(db);
// Stop claiming new work this long before the function's timeout, so the last round can finish.
const RESERVE_MS = 20_000;

/**
 * SweepDeliveries: retries the deliveries that are due (failed ones past their backoff, pending
 * ones whose SendEvent died) and dead-letters those past the retry budget. Fired every minute by
 * the schedule, and at once by the ops API after a redelivery or a replay.
 */
export const handler = schedule({
  action: 'sweepDeliveries',
  connections: [db],
  handler: async (_event, context) => {
    const summary = await sweepDue({
      ledger,
      transport: awsTransport,
      policy: settings.retryPolicy,
      batchSize: 200,
      // Twice the function's timeout: a claim outlives the sweep that made it.
      leaseSeconds: 120,
      timeIsUp: () => context.getRemainingTimeInMillis() < RESERVE_MS,
    });
    for (const { attempt, outcome } of summary.reports) {
      if (outcome.status === 'delivered') continue;
      logger.warn(
        outcome.status === 'dead' ? 'Delivery failed for good: dead letter' : 'Delivery failed: will retry',
        {
          eventId: attempt.event.id,
          listenerId: attempt.listenerId,
          attempts: outcome.attempts,
          error: outcome.error,
          nextAttemptAt: outcome.nextAttemptAt?.toISOString(),
        },
      );
    }
    if (summary.attempted > 0) {
      const { attempted, delivered, failed, dead } = summary;
      logger.info('Sweep finished', { attempted, delivered, failed, dead });
    }
  },
});
