import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { z } from 'zod';
import { ValidationError } from '../errors/http-error.js';
import { mergeOptions } from '../observability/middleware-options.js';
import { logger as defaultLogger } from '../observability/telemetry.js';
import { parseOrThrow } from '../validation/zod-fields.js';
import { BASE_DEFAULTS, type BaseHandlerOptions, handlerChain } from './handler-chain.js';
import { processSqsRecords } from './sqs-records.js';

/** Options of {@link sqsBatch}. */
export interface SqsBatchOptions<TBody extends z.ZodType> extends BaseHandlerOptions {
  /** The schema of each message body (parsed as JSON first). */
  readonly body: TBody;
  /** Handles one message; throwing marks only this message as failed. */
  readonly handler: (body: z.output<TBody>, record: SQSRecord) => Promise<void>;
}

/**
 * An SQS event source handler with partial batch failures (Powertools Batch): each message body is
 * parsed as JSON and validated; a message that fails (bad JSON, invalid, or the handler throws) is
 * reported in `batchItemFailures` and retried alone. Set `FunctionResponseTypes:
 * [ReportBatchItemFailures]` on the event source.
 * @example
 * export const handler = sqsBatch({
 *   action: 'recordPosition',
 *   body: z.object({ deviceId: z.string(), lat: z.number(), lon: z.number() }),
 *   handler: async (position) => positions.record(position),
 * });
 */
export function sqsBatch<TBody extends z.ZodType>(options: SqsBatchOptions<TBody>) {
  const { body, handler, ...base } = mergeOptions<SqsBatchOptions<TBody>>(
    'sqsBatch',
    { ...BASE_DEFAULTS, body: options.body, handler: options.handler },
    options,
  );
  const logger = base.logger ?? defaultLogger;
  const inner = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> =>
    processSqsRecords(event, context, logger, async (record) =>
      handler(await parseOrThrow(body, parseJsonBody(record), 'body'), record),
    );
  return handlerChain<SQSEvent, SQSBatchResponse>(inner, base, {});
}

/**
 * A message body parsed as JSON, or a {@link ValidationError} naming `body`.
 * @example
 * const value = parseJsonBody(record);
 */
export function parseJsonBody(record: SQSRecord): unknown {
  try {
    return JSON.parse(record.body);
  } catch (error) {
    throw new ValidationError([{ path: 'body', message: 'Malformed JSON' }], { cause: error });
  }
}
