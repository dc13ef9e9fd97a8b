import type { Context, ScheduledEvent } from 'aws-lambda';
import { z } from 'zod';
import { mergeOptions } from '../observability/middleware-options.js';
import { parseOrThrow } from '../validation/zod-fields.js';
import { BASE_DEFAULTS, type BaseHandlerOptions, handlerChain } from './handler-chain.js';

/** Options of {@link schedule}. */
export interface ScheduleOptions<TInput extends z.ZodType> extends BaseHandlerOptions {
  /**
   * The schema of the event: an EventBridge rule sends a `Scheduled Event`, EventBridge Scheduler
   * the template's `Input`. Defaults to accepting anything as a `ScheduledEvent`.
   */
  readonly input?: TInput;
  readonly handler: (input: z.output<TInput>, context: Context) => Promise<void>;
}

const anyScheduledEvent = z.custom<ScheduledEvent<unknown>>(() => true);

/**
 * A scheduled function (EventBridge rule `Schedule` or EventBridge Scheduler). A failure is thrown,
 * so the invocation is retried by the async invoke rules and then reaches the on-failure destination.
 * @example
 * export const handler = schedule({
 *   action: 'expireAllocations',
 *   handler: async (event) => allocations.expireBefore(new Date(event.time)),
 * });
 */
export function schedule<TInput extends z.ZodType = typeof anyScheduledEvent>(
  options: ScheduleOptions<TInput>,
) {
  const { input, handler, ...base } = mergeOptions<ScheduleOptions<TInput>>(
    'schedule',
    { ...BASE_DEFAULTS, input: undefined, handler: options.handler },
    options,
  );
  const inner = async (event: unknown, context: Context): Promise<void> =>
    // Without a schema TInput is its default, the any-ScheduledEvent schema.
    handler(await parseOrThrow((input ?? anyScheduledEvent) as TInput, event, 'event'), context);
  return handlerChain<unknown, void>(inner, base, {});
}
