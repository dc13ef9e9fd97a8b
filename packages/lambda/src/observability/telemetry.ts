import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';

// Powertools reads POWERTOOLS_SERVICE_NAME and POWERTOOLS_METRICS_NAMESPACE itself; only when the
// template sets neither do we fall back to the function's name and one namespace for the system.
const serviceName =
  process.env.POWERTOOLS_SERVICE_NAME ?? process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'motorcade';

/**
 * The function's structured logger (Powertools Logger, JSON lines). Every handler of this library
 * adds the Lambda context, the request id and the correlation id to each line for the invocation.
 * @example
 * import { logger } from '@motorcade/lambda';
 * logger.info('vehicle moved', { vehicleId });
 */
export const logger = new Logger({ serviceName });

/**
 * The function's metrics (Powertools Metrics, CloudWatch Embedded Metric Format), flushed by every
 * handler of this library at the end of each invocation.
 * @example
 * import { MetricUnit } from '@aws-lambda-powertools/metrics';
 * metrics.addMetric('itemsAllocated', MetricUnit.Count, items.length);
 */
export const metrics = new Metrics({
  serviceName,
  ...(process.env.POWERTOOLS_METRICS_NAMESPACE ? {} : { namespace: 'Motorcade' }),
});
