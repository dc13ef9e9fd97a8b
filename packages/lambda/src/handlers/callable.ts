import type { Context } from 'aws-lambda';
import type { z } from 'zod';
import { mergeOptions } from '../observability/middleware-options.js';
import { responseOffload } from '../offload/offload-middleware.js';
import { parseOrThrow } from '../validation/zod-fields.js';
import { BASE_DEFAULTS, type BaseHandlerOptions, handlerChain } from './handler-chain.js';

/** Options of {@link callable}. */
export interface CallableOptions<TInput extends z.ZodType, TResult> extends BaseHandlerOptions {
  /** The schema of the payload; a mismatch fails the call with a `ValidationError` naming the fields. */
  readonly input: TInput;
  readonly handler: (input: z.output<TInput>, context: Context) => Promise<TResult>;
}

/**
 * A function other services call synchronously with `invoke` (the ARN a stack exports). The payload
 * is validated; an error thrown reaches the caller as a `RemoteFunctionError` with its name as
 * `errorType`; a result over the payload limit goes through S3 and `invoke` fetches it back.
 * @example
 * export const handler = callable({
 *   action: 'validateUser',
 *   input: z.object({ token: z.string() }),
 *   handler: async ({ token }) => users.validate(token),
 * });
 */
export function callable<TInput extends z.ZodType, TResult>(options: CallableOptions<TInput, TResult>) {
  const { input, handler, ...base } = mergeOptions<CallableOptions<TInput, TResult>>(
    'callable',
    { ...BASE_DEFAULTS, input: options.input, handler: options.handler },
    options,
  );
  const inner = async (event: unknown, context: Context): Promise<TResult> =>
    handler(await parseOrThrow(input, event, 'payload'), context);
  return handlerChain<unknown, TResult>(inner, base, { middlewares: [responseOffload()] });
}
