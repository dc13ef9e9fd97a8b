import { ConfigurationError, logger, schedule } from '@motorcade/lambda';
import { redriveUnlogged } from '../domain/unlogged-redrive.js';
import { deadLetterPorts } from '../transport/dead-letter-queue.js';

const RESERVE_MS = 10_000;

/**
 * RedriveUnlogged (every minute): gives SendEvent's dead letters — events accepted from a
 * publisher but never logged, because the database was down through Lambda's retries — back to
 * SendEvent. See docs/event-bus.md, "Delivery guarantees".
 */
export const handler = schedule({
  action: 'redriveUnlogged',
  handler: async (_event, context) => {
    const queueUrl = process.env.DEAD_LETTER_QUEUE_URL;
    const sendEventArn = process.env.SEND_EVENT_FUNCTION_ARN;
    if (!queueUrl || !sendEventArn)
      throw new ConfigurationError(
        'DEAD_LETTER_QUEUE_URL and SEND_EVENT_FUNCTION_ARN must be set by the template',
      );
    const summary = await redriveUnlogged(deadLetterPorts(queueUrl, sendEventArn), {
      now: Date.now(),
      // Leave the youngest dead letters alone for now: Lambda's retries just failed on them.
      minAgeMs: Number(process.env.REDRIVE_MIN_AGE_SECONDS ?? 60) * 1000,
      timeIsUp: () => context.getRemainingTimeInMillis() < RESERVE_MS,
    });
    if (summary.logged + summary.failedAgain > 0)
      logger.info('Redrive of unlogged events finished', { ...summary });
  },
});
