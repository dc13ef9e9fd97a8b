import type { Logger } from '@aws-lambda-powertools/logger';
import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { MiddlewareObj } from '@middy/core';
import { MemoryWatch } from './memory-watch.js';
import { mergeOptions } from './middleware-options.js';

/** Options of {@link memoryWatch}. */
export interface MemoryWatchMiddlewareOptions {
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** The watch; one per handler, so its history is this environment's. */
  readonly watch: MemoryWatch;
}

/**
 * Middleware: after every invocation (also a failed one) records memory, emits `MemoryUsedPercent`
 * and `HeapUsedMegabytes`, and logs a warning when memory is over the threshold or growing.
 * Register it after `logMetrics` so its metrics go out in the same flush.
 * @example
 * middy(handler).use(logMetrics(metrics)).use(memoryWatch({ logger, metrics }));
 */
export function memoryWatch(
  options: Partial<MemoryWatchMiddlewareOptions> & Pick<MemoryWatchMiddlewareOptions, 'logger' | 'metrics'>,
): MiddlewareObj {
  const { logger, metrics, watch } = mergeOptions(
    'memoryWatch',
    { logger: options.logger, metrics: options.metrics, watch: new MemoryWatch() },
    options,
  );
  const record = (): void => {
    const { sample, warnings } = watch.record();
    metrics.addMetric('MemoryUsedPercent', MetricUnit.Percent, sample.usedPercent);
    metrics.addMetric(
      'HeapUsedMegabytes',
      MetricUnit.Megabytes,
      Math.round(sample.heapUsedBytes / 1024 / 1024),
    );
    for (const warning of warnings) logger.warn(warning, { memory: sample });
  };
  return { after: record, onError: record };
}
