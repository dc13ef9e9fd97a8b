import type { MetricBucket, MetricsSnapshot } from './metrics-types.js';

/** Alarm thresholds; each alarm fires when its figure over its window reaches the threshold. */
export interface AlarmThresholds {
  /** Most executions running at once in the last minute. */
  readonly concurrentExecutions: number;
  /** Function errors (all functions) in the last 5 minutes. */
  readonly functionErrors: number;
  /** Throttled invocations in the last 5 minutes. */
  readonly throttles: number;
  /** Age of the oldest message of any queue in the last minute (seconds). */
  readonly queueAgeSeconds: number;
  /** API 5xx answers in the last 5 minutes. */
  readonly api5xx: number;
  /** Average API latency in the last 5 minutes (ms). */
  readonly apiLatencyMs: number;
}

/**
 * The defaults (docs/dashboard.md explains each). Override any of them in the browser with
 * `localStorage['motorcade.alarms'] = '{"queueAgeSeconds": 30}'`.
 */
export const DEFAULT_THRESHOLDS: AlarmThresholds = {
  concurrentExecutions: 100,
  functionErrors: 1,
  throttles: 1,
  queueAgeSeconds: 60,
  api5xx: 1,
  apiLatencyMs: 1_000,
};

/** One alarm's state, as the operations view lists it. */
export interface AlarmState {
  readonly id: keyof AlarmThresholds;
  readonly name: string;
  readonly value: number;
  readonly threshold: number;
  readonly state: 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';
  /** What crossed it (a function, a queue), when one thing did. */
  readonly culprit?: string;
}

const STORAGE_KEY = 'motorcade.alarms';

/** The thresholds in force: the defaults, with the saved overrides that are numbers. */
export function thresholds(storage: Storage = localStorage): AlarmThresholds {
  try {
    const saved = JSON.parse(storage.getItem(STORAGE_KEY) ?? '{}') as Record<string, unknown>;
    const overrides = Object.fromEntries(
      Object.entries(saved).filter(([key, value]) => key in DEFAULT_THRESHOLDS && typeof value === 'number'),
    );
    return { ...DEFAULT_THRESHOLDS, ...overrides };
  } catch {
    return DEFAULT_THRESHOLDS;
  }
}

/**
 * Evaluates every alarm over the snapshot's last buckets, as CloudWatch would over its period.
 * @example
 * evaluateAlarms(snapshot, thresholds()).filter((alarm) => alarm.state === 'ALARM');
 */
export function evaluateAlarms(snapshot: MetricsSnapshot, limits: AlarmThresholds): AlarmState[] {
  const last = (seconds: number): readonly MetricBucket[] =>
    snapshot.series.slice(-Math.max(1, Math.ceil(seconds / snapshot.bucketSeconds)));
  const minute = last(60);
  const fiveMinutes = last(300);
  const sumOf = (buckets: readonly MetricBucket[], pick: (b: MetricBucket) => Record<string, number>) =>
    buckets.reduce((sum, b) => sum + Object.values(pick(b)).reduce((s, v) => s + v, 0), 0);
  const worst = (buckets: readonly MetricBucket[], pick: (b: MetricBucket) => Record<string, number>) => {
    let top: { key: string; value: number } | undefined;
    for (const b of buckets)
      for (const [key, value] of Object.entries(pick(b))) if (!top || value > top.value) top = { key, value };
    return top;
  };
  const api = fiveMinutes.flatMap((b) => Object.values(b.api));
  const latency = api.reduce(
    (acc, entry) => ({ sum: acc.sum + entry.latencyMs.sum, count: acc.count + entry.latencyMs.count }),
    { sum: 0, count: 0 },
  );
  const erring = worst(fiveMinutes, (b) => b.errors);
  const oldest = worst(minute, (b) => b.queueAgeSeconds);
  const alarm = (
    id: keyof AlarmThresholds,
    name: string,
    value: number | undefined,
    culprit?: string,
  ): AlarmState => ({
    id,
    name,
    value: value ?? 0,
    threshold: limits[id],
    state: value === undefined ? 'INSUFFICIENT_DATA' : value >= limits[id] ? 'ALARM' : 'OK',
    ...(culprit ? { culprit } : {}),
  });
  const empty = snapshot.series.length === 0;
  return [
    alarm(
      'concurrentExecutions',
      'Concurrent executions (1 min max)',
      empty ? undefined : Math.max(0, ...minute.map((b) => b.concurrency)),
    ),
    alarm(
      'functionErrors',
      'Function errors (5 min)',
      empty ? undefined : sumOf(fiveMinutes, (b) => b.errors),
      erring?.key,
    ),
    alarm('throttles', 'Throttles (5 min)', empty ? undefined : sumOf(fiveMinutes, (b) => b.throttles)),
    alarm(
      'queueAgeSeconds',
      'Oldest queue message (s, 1 min)',
      empty ? undefined : (oldest?.value ?? 0),
      oldest?.key,
    ),
    alarm(
      'api5xx',
      'API 5xx (5 min)',
      empty ? undefined : api.reduce((sum, entry) => sum + entry.serverErrors, 0),
    ),
    alarm(
      'apiLatencyMs',
      'API average latency (ms, 5 min)',
      latency.count === 0 ? (empty ? undefined : 0) : Math.round(latency.sum / latency.count),
    ),
  ];
}
