import type { Logger } from '@aws-lambda-powertools/logger';
import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';
import {
  causationIdFromClientContext,
  correlationIdFromClientContext,
  setCausationId,
  setCorrelationId,
} from './correlation.js';
import { mergeOptions } from './middleware-options.js';

/** Options of {@link invocationTelemetry}. */
export interface InvocationTelemetryOptions<TEvent> {
  /** The business action this function performs; the name of its one metric (`allocateItem`). */
  readonly action: string;
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** Finds the caller's correlation id in the event (a header, the event envelope). */
  readonly correlationIdOf: (event: TEvent) => string | undefined;
}

/**
 * Middleware: picks the correlation id (the event's, else the client context's, else this request
 * id), puts it on every log line, and counts the business action once when the invocation succeeds.
 * Register it after `injectLambdaContext` and `logMetrics`, whose after hooks then flush and reset.
 * @example
 * middy(handler).use(injectLambdaContext(logger)).use(logMetrics(metrics))
 *   .use(invocationTelemetry({ action: 'createItem', logger, metrics, correlationIdOf: () => undefined }));
 */
export function invocationTelemetry<TEvent>(
  options: Pick<InvocationTelemetryOptions<TEvent>, 'action' | 'logger' | 'metrics'> &
    Partial<InvocationTelemetryOptions<TEvent>>,
): MiddlewareObj<TEvent, unknown, Error, Context> {
  const { action, logger, metrics, correlationIdOf } = mergeOptions<InvocationTelemetryOptions<TEvent>>(
    'invocationTelemetry',
    {
      action: options.action,
      logger: options.logger,
      metrics: options.metrics,
      correlationIdOf: () => undefined,
    },
    options,
  );
  if (!/^[A-Za-z][A-Za-z0-9_.-]{0,254}$/.test(action)) {
    throw new RangeError(`action "${action}" is not a valid metric name`);
  }
  const clear = (): void => {
    setCorrelationId(undefined);
    setCausationId(undefined);
  };
  return {
    before: ({ event, context }) => {
      const id = correlationIdOf(event) ?? correlationIdFromClientContext(context) ?? context.awsRequestId;
      setCorrelationId(id);
      setCausationId(causationIdFromClientContext(context) ?? context.awsRequestId);
      logger.setCorrelationId(id);
    },
    after: () => {
      metrics.addMetric(action, MetricUnit.Count, 1);
      clear();
    },
    onError: clear,
  };
}
