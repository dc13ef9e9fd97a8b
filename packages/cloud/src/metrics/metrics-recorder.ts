import type { InvocationSample } from '../lambda/invocation-sample.js';
import { parseEmf } from './embedded-metric-format.js';
import { addTo, emptyBucket, increment, type MetricBucket } from './metric-bucket.js';

export interface MetricsRecorderOptions {
  /** Default 10 s. */
  readonly bucketSeconds?: number;
  /** How many buckets are kept; default 360 (an hour of 10 s buckets). */
  readonly keepBuckets?: number;
  readonly now?: () => number;
}

/**
 * The local cloud's CloudWatch stand-in for one environment: counts invocations, errors,
 * throttles, cold starts and durations per function, requests per API, the largest concurrency
 * and the oldest message per queue, and the metrics functions print in the Embedded Metric
 * Format — in fixed time buckets, the last hour kept in memory.
 */
export class MetricsRecorder {
  readonly bucketSeconds: number;
  readonly #keep: number;
  readonly #now: () => number;
  readonly #buckets: MetricBucket[] = [];

  constructor(options: MetricsRecorderOptions = {}) {
    this.bucketSeconds = options.bucketSeconds ?? 10;
    this.#keep = options.keepBuckets ?? 360;
    this.#now = options.now ?? Date.now;
  }

  recordInvocation(sample: InvocationSample): void {
    const bucket = this.#current();
    if (sample.kind === 'throttle') {
      increment(bucket.throttles, sample.functionName);
      return;
    }
    increment(bucket.invocations, sample.functionName);
    if (sample.error) increment(bucket.errors, sample.functionName);
    if (sample.coldStart) increment(bucket.coldStarts, sample.functionName);
    bucket.durationMs[sample.functionName] = addTo(bucket.durationMs[sample.functionName], sample.durationMs);
  }

  recordApiRequest(api: string, status: number, latencyMs: number): void {
    const bucket = this.#current();
    const entry = bucket.api[api] ?? {
      requests: 0,
      clientErrors: 0,
      serverErrors: 0,
      latencyMs: { count: 0, sum: 0, max: 0 },
    };
    bucket.api[api] = entry;
    entry.requests += 1;
    if (status >= 400 && status < 500) entry.clientErrors += 1;
    if (status >= 500) entry.serverErrors += 1;
    entry.latencyMs = addTo(entry.latencyMs, latencyMs);
  }

  /** Reads a function's log line; an Embedded Metric Format line adds its values. */
  recordLogLine(line: string): void {
    const values = parseEmf(line);
    if (values.length === 0) return;
    const bucket = this.#current();
    for (const { namespace, name, value } of values) {
      const key = `${namespace}/${name}`;
      bucket.custom[key] = addTo(bucket.custom[key], value);
    }
  }

  sampleConcurrency(executions: number): void {
    const bucket = this.#current();
    bucket.concurrency = Math.max(bucket.concurrency, executions);
  }

  sampleQueueAge(queue: string, ageSeconds: number): void {
    const bucket = this.#current();
    bucket.queueAgeSeconds[queue] = Math.max(bucket.queueAgeSeconds[queue] ?? 0, ageSeconds);
  }

  /** The buckets that started at or after `sinceMs`, oldest first (empty buckets included, so gaps show). */
  series(sinceMs: number): MetricBucket[] {
    this.#current();
    return this.#buckets.filter((bucket) => bucket.start >= sinceMs - this.bucketSeconds * 1000);
  }

  #current(): MetricBucket {
    const size = this.bucketSeconds * 1000;
    const start = Math.floor(this.#now() / size) * size;
    const last = this.#buckets.at(-1);
    if (last?.start === start) return last;
    // Fill the quiet buckets in between, so a graph shows zeros rather than joining points across a gap.
    let next = last ? last.start + size : start;
    while (next <= start) {
      this.#buckets.push(emptyBucket(next));
      next += size;
    }
    if (this.#buckets.length > this.#keep) this.#buckets.splice(0, this.#buckets.length - this.#keep);
    return this.#buckets.at(-1) as MetricBucket;
  }
}
