/** Sum and largest value of a measurement within a bucket. */
export interface Aggregate {
  count: number;
  sum: number;
  max: number;
}

/** What happened in one time bucket of one environment: the figures the monitoring view draws. */
export interface MetricBucket {
  /** Start of the bucket (epoch ms). */
  readonly start: number;
  /** The most executions running at once, sampled every second. */
  concurrency: number;
  /** By function name. */
  readonly invocations: Record<string, number>;
  readonly errors: Record<string, number>;
  readonly throttles: Record<string, number>;
  readonly coldStarts: Record<string, number>;
  readonly durationMs: Record<string, Aggregate>;
  /** By API (`<stack>/<ApiLogicalId>`): requests, 4xx, 5xx and latency. */
  readonly api: Record<
    string,
    { requests: number; clientErrors: number; serverErrors: number; latencyMs: Aggregate }
  >;
  /** By queue name: the age of its oldest message (seconds), the largest seen. */
  readonly queueAgeSeconds: Record<string, number>;
  /** Metrics functions emitted in the Embedded Metric Format, by `<Namespace>/<MetricName>`. */
  readonly custom: Record<string, Aggregate>;
}

export function emptyBucket(start: number): MetricBucket {
  return {
    start,
    concurrency: 0,
    invocations: {},
    errors: {},
    throttles: {},
    coldStarts: {},
    durationMs: {},
    api: {},
    queueAgeSeconds: {},
    custom: {},
  };
}

export function addTo(aggregate: Aggregate | undefined, value: number): Aggregate {
  const next = aggregate ?? { count: 0, sum: 0, max: Number.NEGATIVE_INFINITY };
  next.count += 1;
  next.sum += value;
  next.max = Math.max(next.max, value);
  return next;
}

export function increment(counts: Record<string, number>, key: string, by = 1): void {
  counts[key] = (counts[key] ?? 0) + by;
}
