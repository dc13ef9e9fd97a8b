import {
  callable,
  EVENT_BATCH_LIMIT,
  eventBatchSchema,
  eventEnvelopeSchema,
  fieldErrors,
  isEventBatchPayload,
  logger,
  PgReusedPool,
} from '@motorcade/lambda';
import { z } from 'zod';
import { EventBusErrorCode } from '../domain/errors.js';
import { RegistryCache } from '../domain/listener-registry.js';
import {
  type BatchEntry,
  type PublishRequest,
  type PublishResult,
  publishBatch,
  publishEntry,
  refuse,
} from '../domain/publish.js';
import { busSettings } from '../settings.js';
import { DeliveryLedgerStore } from '../store/delivery-ledger-store.js';
import { EventLogStore } from '../store/event-log-store.js';
import { ListenerRegistryStore } from '../store/listener-store.js';
import { PreparedSql } from '../store/sql.js';
import { awsTransport } from '../transport/aws-transport.js';

const settings = busSettings();
// SendEvent runs for every event in the system: the reuse-across-invocations strategy, one
// connection per execution environment (it runs one invocation at a time), kept warm. The stores
// use the pool directly, with prepared statements and without the per-invocation liveness check
// (see PreparedSql): both would be round trips before the fan-out, on every event.
const db = new PgReusedPool({ connectionString: settings.databaseUrl, max: 1 });
const sql = new PreparedSql(db.pool);
const log = new EventLogStore(sql);
// The registry is cached for the environment's life; every logged event reports the registry's
// version, and a change reloads it.
const registry = new RegistryCache(() => new ListenerRegistryStore(sql).loadRegistry());
const dependencies = {
  log,
  ledger: new DeliveryLedgerStore(sql),
  registry,
  transport: awsTransport,
  policy: settings.retryPolicy,
  maxDepth: settings.maxCausationDepth,
  // Six times the function's timeout: only a SendEvent that died leaves a delivery this long.
  leaseSeconds: 60,
};

/**
 * SendEvent: what `postEvent` invokes (asynchronously) with an event envelope, and `postEvents`
 * with a batch, `{ events: [envelope, …] }` of up to ten. Logs each event (a batch's in its order),
 * delivers it to every matching listener and records each delivery. A refused event (not an
 * envelope, over 1 MB, too deep a causation chain; in a batch, alone) is recorded and answered, not
 * thrown: retrying it could not help. Anything else that fails (the database) is thrown, so Lambda
 * retries the invocation — the events already logged are not logged twice — and finally hands it
 * to SendEvent's dead-letter queue.
 */
export const handler = callable({
  action: 'sendEvent',
  // Validated below rather than by the factory, so an invalid event is recorded as a refusal.
  input: z.unknown(),
  connections: [db],
  handler: async (raw) => {
    if (isEventBatchPayload(raw)) return publishEvents(raw);
    return report(await publishEntry(batchEntry(raw), dependencies));
  },
});

async function publishEvents(raw: { events: unknown }) {
  const batch = eventBatchSchema.safeParse(raw);
  if (!batch.success) {
    const count = Array.isArray(raw.events) ? `${raw.events.length} entries` : 'no list';
    return report(
      await refuse(
        log,
        {},
        EventBusErrorCode.invalidEvent,
        `Not an event batch: events must be a list of 1 to ${EVENT_BATCH_LIMIT} envelopes (got ${count})`,
      ),
    );
  }
  const results = (await publishBatch(batch.data.events.map(batchEntry), dependencies)).map(report);
  return {
    accepted: results.filter((result) => result.accepted).length,
    refused: results.filter((result) => !result.accepted).length,
    events: results,
  };
}

/** An envelope to publish, or what to refuse it with. */
function batchEntry(raw: unknown): BatchEntry {
  const parsed = eventEnvelopeSchema.safeParse(raw);
  if (!parsed.success)
    return {
      refusal: {
        request: partialEnvelope(raw),
        code: EventBusErrorCode.invalidEvent,
        message: invalidMessage(parsed.error),
      },
    };
  const request: PublishRequest = {
    publishKey: parsed.data.id,
    type: parsed.data.type,
    source: parsed.data.source,
    publishedAt: parsed.data.time,
    detail: parsed.data.detail,
    correlationId: parsed.data.correlationId,
    causationId: parsed.data.causationId,
  };
  return { request };
}

function report(result: PublishResult) {
  if (!result.accepted) {
    logger.warn('Event refused', { code: result.code, reason: result.message });
    return result;
  }
  for (const { attempt, outcome } of result.failures) {
    logger.warn(
      outcome.status === 'dead' ? 'Delivery failed for good: dead letter' : 'Delivery failed: will retry',
      {
        eventId: attempt.event.id,
        listenerId: attempt.listenerId,
        target: attempt.target.arn,
        error: outcome.error,
        nextAttemptAt: outcome.nextAttemptAt?.toISOString(),
      },
    );
  }
  return {
    accepted: true,
    eventId: result.eventId,
    duplicate: result.duplicate,
    delivered: result.delivered,
    failed: result.failures.length,
  };
}

function invalidMessage(error: z.ZodError): string {
  const fields = fieldErrors(error, 'event').map((field) => `${field.path}: ${field.message}`);
  return `Not an event envelope: ${fields.join('; ')}`;
}

/** What can be read from an invalid envelope, to identify it in the refusals. */
function partialEnvelope(raw: unknown) {
  const text = (key: string): string | undefined => {
    if (typeof raw !== 'object' || raw === null || !(key in raw)) return undefined;
    const value: unknown = (raw as Record<string, unknown>)[key];
    return typeof value === 'string' ? value.slice(0, 200) : undefined;
  };
  return {
    publishKey: text('id'),
    type: text('type'),
    source: text('source'),
    correlationId: text('correlationId'),
    causationId: text('causationId'),
  };
}
