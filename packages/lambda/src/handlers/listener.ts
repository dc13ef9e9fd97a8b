import type { Context, SQSBatchResponse } from 'aws-lambda';
import type { z } from 'zod';
import {
  causationId,
  correlationId,
  setCausationId,
  setCorrelationId,
} from '../observability/correlation.js';
import { mergeOptions } from '../observability/middleware-options.js';
import { logger as defaultLogger } from '../observability/telemetry.js';
import { type EventEnvelope, eventEnvelopeOf } from '../types/event-envelope.js';
import { parseOrThrow } from '../validation/zod-fields.js';
import { BASE_DEFAULTS, type BaseHandlerOptions, handlerChain } from './handler-chain.js';
import { parseJsonBody } from './sqs-batch.js';
import { isSqsEvent, processSqsRecords } from './sqs-records.js';

/** Options of {@link listener}. */
export interface ListenerOptions<TDetail extends z.ZodType> extends BaseHandlerOptions {
  /** The event types this listener handles; others are logged and skipped. */
  readonly types: readonly string[];
  /** The schema of `detail`. */
  readonly detail: TDetail;
  readonly handler: (event: EventEnvelope<z.output<TDetail>>, context: Context) => Promise<void>;
}

/**
 * An event bus listener. The bus delivers either one event by async invoke or a batch through an
 * SQS queue; both arrive here. Each envelope is validated (`detail` by your schema), its correlation
 * id is put on the logs and on every event the handler posts (with this event as the cause). From
 * SQS, a failing event is reported alone (partial batch failure); by invoke, a failure is thrown so
 * Lambda retries it and then sends it to the on-failure destination — nothing is silently lost.
 * @example
 * export const handler = listener({
 *   action: 'allocateOnAccept',
 *   types: ['allocationAccepted'],
 *   detail: z.object({ allocationId: z.string() }),
 *   handler: async (event) => allocations.accept(event.detail.allocationId),
 * });
 */
export function listener<TDetail extends z.ZodType>(options: ListenerOptions<TDetail>) {
  const { types, detail, handler, ...base } = mergeOptions<ListenerOptions<TDetail>>(
    'listener',
    { ...BASE_DEFAULTS, types: options.types, detail: options.detail, handler: options.handler },
    options,
  );
  const logger = base.logger ?? defaultLogger;
  const schema = eventEnvelopeOf(detail);
  const handleOne = async (raw: unknown, context: Context, prefix: string): Promise<void> => {
    const event = (await parseOrThrow(schema, raw, prefix)) as EventEnvelope<z.output<TDetail>>;
    if (!types.includes(event.type)) {
      logger.info('Event type not handled here; skipped', { eventType: event.type, eventId: event.id });
      return;
    }
    const previous = { correlation: correlationId(), cause: causationId() };
    setCorrelationId(event.correlationId);
    setCausationId(event.id);
    logger.setCorrelationId(event.correlationId);
    try {
      await handler(event, context);
    } finally {
      setCorrelationId(previous.correlation);
      setCausationId(previous.cause);
    }
  };
  const inner = async (event: unknown, context: Context): Promise<SQSBatchResponse | undefined> => {
    if (isSqsEvent(event)) {
      return processSqsRecords(event, context, logger, (record) =>
        handleOne(parseJsonBody(record), context, 'body'),
      );
    }
    await handleOne(event, context, 'event');
    return undefined;
  };
  return handlerChain<unknown, SQSBatchResponse | undefined>(inner, base, {
    correlationIdOf: (event) =>
      typeof event === 'object' &&
      event !== null &&
      'correlationId' in event &&
      typeof event.correlationId === 'string'
        ? event.correlationId
        : undefined,
  });
}
