import { eventEnvelopeSchema, logger, sqsBatch } from '@motorcade/lambda';
import { database } from '../lambda/database.js';
import { deployedDependencies } from '../lambda/dependencies.js';
import { applyEnvelope } from '../service/apply-envelope.js';

// Called for every event of the fleet: the pool is kept warm between invocations.
const db = database('reuse-across-invocations');
const deps = deployedDependencies(db);

// Powertools Batch runs a batch's records concurrently; each decision holds one client and an
// organisation's lock for a transaction, so records are taken one after another instead.
let previous: Promise<unknown> = Promise.resolve();
const oneAtATime = <T>(work: () => Promise<T>): Promise<T> => {
  const next = previous.then(work, work);
  previous = next.catch(() => undefined);
  return next;
};

/**
 * The allocation queue's consumer (SQS event source, partial batch failures): each message is a
 * bus envelope of one of the types the stack listens to, applied through `decide` under its
 * organisation's lock. A failing message is retried alone and ends in the dead-letter queue.
 */
export const handler = sqsBatch({
  action: 'applyFleetEvent',
  connections: [db],
  body: eventEnvelopeSchema,
  handler: (envelope) =>
    oneAtATime(async () => {
      const result = await applyEnvelope(deps, envelope);
      logger.info('Event applied', { eventType: envelope.type, eventId: envelope.id, ...result });
    }),
});
