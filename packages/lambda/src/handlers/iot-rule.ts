import type { Context } from 'aws-lambda';
import type { z } from 'zod';
import { ValidationError } from '../errors/http-error.js';
import { mergeOptions } from '../observability/middleware-options.js';
import { logger as defaultLogger } from '../observability/telemetry.js';
import { parseOrThrow } from '../validation/zod-fields.js';
import { BASE_DEFAULTS, type BaseHandlerOptions, handlerChain } from './handler-chain.js';

/** Options of {@link iotRule}. */
export interface IotRuleOptions<TPayload extends z.ZodType> extends BaseHandlerOptions {
  /** The schema of what the rule's SQL `SELECT` produces. */
  readonly payload: TPayload;
  readonly handler: (payload: z.output<TPayload>, context: Context) => Promise<void>;
}

/**
 * The target of an IoT topic rule (device messages over MQTT). A payload that does not match the
 * schema is logged with every failing field and dropped, because a device will not send it
 * differently on a retry; a failure of the handler itself is thrown so Lambda retries it.
 * @example
 * export const handler = iotRule({
 *   action: 'recordPosition',
 *   payload: z.object({ deviceId: z.string(), lat: z.number(), lon: z.number() }),
 *   handler: async (position) => positions.record(position),
 * });
 */
export function iotRule<TPayload extends z.ZodType>(options: IotRuleOptions<TPayload>) {
  const { payload, handler, ...base } = mergeOptions<IotRuleOptions<TPayload>>(
    'iotRule',
    { ...BASE_DEFAULTS, payload: options.payload, handler: options.handler },
    options,
  );
  const logger = base.logger ?? defaultLogger;
  const inner = async (event: unknown, context: Context): Promise<void> => {
    let parsed: z.output<TPayload>;
    try {
      parsed = await parseOrThrow(payload, event, 'payload');
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      logger.warn('Device message rejected', { fields: error.fields });
      return;
    }
    await handler(parsed, context);
  };
  return handlerChain<unknown, void>(inner, base, {});
}
