import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy, { type MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';
import { connectionLifecycle, type InvocationScoped } from '../connections/invocation-scoped.js';
import { HttpError } from '../errors/http-error.js';
import { Unauthorized } from '../errors/unauthorized.js';
import { invocationTelemetry } from '../observability/invocation-telemetry.js';
import { MemoryWatch, type MemoryWatchOptions } from '../observability/memory-watch.js';
import { memoryWatch } from '../observability/memory-watch-middleware.js';
import { logger as defaultLogger, metrics as defaultMetrics } from '../observability/telemetry.js';
import { requestOffload } from '../offload/offload-middleware.js';

/** What every handler factory of this library accepts. */
export interface BaseHandlerOptions {
  /** The business action (`allocateItem`): the name of the metric counted once per success. */
  readonly action: string;
  readonly logger?: Logger;
  readonly metrics?: Metrics;
  /** Connections tidied up after every invocation (see `pgConnection`). */
  readonly connections?: readonly InvocationScoped[];
  /** Memory watch settings, or `false` to turn it off. */
  readonly memoryWatch?: Partial<MemoryWatchOptions> | false;
}

/**
 * {@link BaseHandlerOptions} with no values: the known keys factories pass to `mergeOptions`, so an
 * unknown option is refused.
 * @example
 * mergeOptions('listener', { ...BASE_DEFAULTS, handler: options.handler }, options);
 */
export const BASE_DEFAULTS = {
  action: '',
  logger: undefined,
  metrics: undefined,
  connections: undefined,
  memoryWatch: undefined,
} as const;

/** How a factory shapes the standard chain. */
export interface ChainSettings<TEvent> {
  readonly correlationIdOf?: (event: TEvent) => string | undefined;
  /** Middy's early timeout: the handler is abandoned this long before the Lambda timeout. */
  readonly timeoutEarlyInMillis?: number;
  /** The factory's own middlewares; their after and onError hooks run first. */
  readonly middlewares?: readonly MiddlewareObj<TEvent, unknown, Error, Context>[];
}

/**
 * The standard Middy chain every handler factory builds: Powertools Logger (context, correlation
 * id) and Metrics (EMF, flushed every invocation), the action metric, the memory watch, connection
 * tidy-up, request offload, then the factory's own middlewares.
 * @example
 * const handler = handlerChain(inner, { action: 'tick' }, {});
 */
export function handlerChain<TEvent, TResult>(
  inner: (event: TEvent, context: Context, opts: { signal: AbortSignal }) => Promise<TResult>,
  options: BaseHandlerOptions,
  settings: ChainSettings<TEvent>,
): middy.MiddyfiedHandler<TEvent, TResult, Error, Context> {
  const logger = options.logger ?? defaultLogger;
  const metrics = options.metrics ?? defaultMetrics;
  const chain = middy<TEvent, TResult, Error, Context>(inner, {
    timeoutEarlyInMillis: settings.timeoutEarlyInMillis ?? 5,
  })
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics, { captureColdStartMetric: true }))
    .use(
      invocationTelemetry<TEvent>({
        action: options.action,
        logger,
        metrics,
        ...(settings.correlationIdOf ? { correlationIdOf: settings.correlationIdOf } : {}),
      }),
    )
    .use(errorLog(logger));
  if (options.memoryWatch !== false) {
    chain.use(memoryWatch({ logger, metrics, watch: new MemoryWatch(options.memoryWatch ?? {}) }));
  }
  chain.use(connectionLifecycle(options.connections ?? []));
  chain.use(requestOffload() as MiddlewareObj<TEvent, TResult, Error, Context>);
  for (const middleware of settings.middlewares ?? [])
    chain.use(middleware as MiddlewareObj<TEvent, TResult, Error, Context>);
  return chain;
}

/** Logs a failed invocation once: a client's mistake (4xx, a refused token) as info, anything else as an error. */
function errorLog(logger: Logger): MiddlewareObj {
  return {
    onError: ({ error }) => {
      if (error instanceof Unauthorized) {
        // A refused token is the authorizer doing its job, not a failure of the function.
        logger.info('Unauthorized', { reason: error.message });
      } else if (error instanceof HttpError && error.statusCode < 500) {
        logger.info('Request refused', {
          code: error.code,
          statusCode: error.statusCode,
          fields: error.fields,
        });
      } else {
        logger.error('Invocation failed', error ?? 'unknown error');
      }
    },
  };
}
