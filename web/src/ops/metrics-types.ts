/** Sum, count and largest value of a measurement within a bucket. */
export interface Aggregate {
  readonly count: number;
  readonly sum: number;
  readonly max: number;
}

/** One time bucket of `GET /_motorcade/metrics` (packages/cloud/src/metrics/metric-bucket.ts). */
export interface MetricBucket {
  readonly start: number;
  readonly concurrency: number;
  readonly invocations: Readonly<Record<string, number>>;
  readonly errors: Readonly<Record<string, number>>;
  readonly throttles: Readonly<Record<string, number>>;
  readonly coldStarts: Readonly<Record<string, number>>;
  readonly durationMs: Readonly<Record<string, Aggregate>>;
  readonly api: Readonly<
    Record<string, { requests: number; clientErrors: number; serverErrors: number; latencyMs: Aggregate }>
  >;
  readonly queueAgeSeconds: Readonly<Record<string, number>>;
  readonly custom: Readonly<Record<string, Aggregate>>;
}

/** The answer of `GET /_motorcade/metrics?minutes=`. */
export interface MetricsSnapshot {
  readonly environment: string;
  readonly bucketSeconds: number;
  readonly series: readonly MetricBucket[];
}

/** One line of a chart: a value per bucket. */
export interface Series {
  readonly name: string;
  readonly values: readonly number[];
}

/** What a chart draws: bucket start times and one or more series over them. */
export interface ChartData {
  readonly times: readonly number[];
  readonly series: readonly Series[];
}
