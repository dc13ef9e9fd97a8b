import { handlerChain, logger } from '@motorcade/lambda';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { fanOutPositions } from '../domain/fan-out.js';
import { coalescePositions, type FeedMessage, parseFeedMessage } from '../domain/position-feed.js';
import { connectionsPusher } from '../lambda/connections-client.js';
import { database } from '../lambda/database.js';
import { pushConcurrency } from '../lambda/settings.js';
import { PgConnectionStore } from '../store/connection-store.js';

// The feed runs every second or so at fleet scale: keep the connection warm.
const db = database('reuse-across-invocations');
const pusher = connectionsPusher();

/**
 * Reads the tracking service's position feed (batches of up to 100 messages) and pushes it
 * coalesced: per organisation the newest fix of each vehicle, in one `{ type: 'positions' }` frame
 * per connection per batch. The library's `sqsBatch` handles messages one by one, which is exactly
 * what must not happen here, so the whole batch is handled at once with the same standard chain.
 * Reported as batch item failures: messages that are not feed messages (they follow the queue's
 * redrive policy), and those of an organisation where a push failed for another reason than a gone
 * connection.
 */
export const handler = handlerChain<SQSEvent, SQSBatchResponse>(
  async (event) => {
    const valid: { messageId: string; message: FeedMessage }[] = [];
    const invalid: string[] = [];
    for (const record of event.Records) {
      const parsed = parseFeedMessage(record.body);
      if (parsed.success) valid.push({ messageId: record.messageId, message: parsed.message });
      else {
        invalid.push(record.messageId);
        logger.warn('Not a position feed message; reported as failed', {
          messageId: record.messageId,
          problems: parsed.problems,
        });
      }
    }
    const organisations = coalescePositions(valid);
    const report = await fanOutPositions(
      { store: new PgConnectionStore(db), pusher, concurrency: pushConcurrency() },
      organisations,
    );
    for (const failure of report.failures)
      logger.warn('Push failed; the organisation’s messages will come back', { ...failure });
    logger.info('Positions pushed', {
      messages: event.Records.length,
      organisations: organisations.length,
      positionsIn: valid.reduce((sum, { message }) => sum + message.positions.length, 0),
      positionsOut: organisations.reduce((sum, organisation) => sum + organisation.positions.length, 0),
      delivered: report.delivered,
      gone: report.gone,
      failed: report.failures.length,
    });
    return {
      batchItemFailures: [...invalid, ...report.failedMessageIds].map((itemIdentifier) => ({
        itemIdentifier,
      })),
    };
  },
  { action: 'pushPositions', connections: [db] },
  {},
);
