import type { ChartData, MetricBucket, MetricsSnapshot, Series } from './metrics-types.js';

/** The fleet's services, longest first so `event-bus` is not read as `event`. */
const SERVICES = [
  'event-bus',
  'allocation',
  'monitoring',
  'realtime',
  'tracking',
  'vehicles',
  'clients',
  'devices',
  'items',
  'users',
];

/**
 * The service a function, queue or API belongs to, from its name: `<env>-<service>-<LogicalId>-<suffix>`
 * for functions and queues, `<env>-<service>/<ApiLogicalId>` for APIs.
 * @example
 * serviceOf('local-event-bus-SendEvent-AB12CD34EF56', 'local'); // 'event-bus'
 */
export function serviceOf(name: string, environment: string): string {
  const rest = name.startsWith(`${environment}-`) ? name.slice(environment.length + 1) : name;
  const known = SERVICES.find(
    (service) => rest === service || (rest.startsWith(service) && /^[-/]/.test(rest.slice(service.length))),
  );
  return known ?? rest.split(/[-/]/)[0] ?? rest;
}

/**
 * A function's or queue's short name: without the environment and CloudFormation's random suffix.
 * @example
 * shortName('local-users-Login-AB12CD34EF56', 'local'); // 'users-Login'
 */
export function shortName(name: string, environment: string): string {
  const rest = name.startsWith(`${environment}-`) ? name.slice(environment.length + 1) : name;
  return rest.replace(/-[A-Za-z0-9]{12}(\.fifo)?$/, '$1');
}

/** Total concurrent executions (the most running at once in each bucket). */
export function concurrency(snapshot: MetricsSnapshot): ChartData {
  return chart(snapshot, [
    { name: 'concurrent executions', values: snapshot.series.map((b) => b.concurrency) },
  ]);
}

/** Errors of every function that ran in the window, one line each, on one graph. */
export function errorsByFunction(snapshot: MetricsSnapshot): ChartData {
  const names = keysOf(snapshot.series, (b) => [...Object.keys(b.invocations), ...Object.keys(b.errors)]);
  return chart(
    snapshot,
    names.map((name) => ({
      name: shortName(name, snapshot.environment),
      values: snapshot.series.map((b) => b.errors[name] ?? 0),
    })),
  );
}

/** The age of each queue's oldest message (seconds). */
export function queueAges(snapshot: MetricsSnapshot): ChartData {
  const names = keysOf(snapshot.series, (b) => Object.keys(b.queueAgeSeconds));
  return chart(
    snapshot,
    names.map((name) => ({
      name: shortName(name, snapshot.environment),
      values: snapshot.series.map((b) => b.queueAgeSeconds[name] ?? 0),
    })),
  );
}

/** API requests through the gateway: all, 4xx and 5xx. */
export function apiInvocations(snapshot: MetricsSnapshot): ChartData {
  const total = (b: MetricBucket, field: 'requests' | 'clientErrors' | 'serverErrors'): number =>
    Object.values(b.api).reduce((sum, api) => sum + api[field], 0);
  return chart(snapshot, [
    { name: 'requests', values: snapshot.series.map((b) => total(b, 'requests')) },
    { name: '4xx', values: snapshot.series.map((b) => total(b, 'clientErrors')) },
    { name: '5xx', values: snapshot.series.map((b) => total(b, 'serverErrors')) },
  ]);
}

/** Function invocations summed per service. */
export function invocationsByService(snapshot: MetricsSnapshot): ChartData {
  const services = [
    ...new Set(
      keysOf(snapshot.series, (b) => Object.keys(b.invocations)).map((name) =>
        serviceOf(name, snapshot.environment),
      ),
    ),
  ].sort();
  return chart(
    snapshot,
    services.map((service) => ({
      name: service,
      values: snapshot.series.map((b) =>
        Object.entries(b.invocations)
          .filter(([name]) => serviceOf(name, snapshot.environment) === service)
          .reduce((sum, [, count]) => sum + count, 0),
      ),
    })),
  );
}

function chart(snapshot: MetricsSnapshot, series: Series[]): ChartData {
  return { times: snapshot.series.map((b) => b.start), series };
}

function keysOf(buckets: readonly MetricBucket[], keys: (bucket: MetricBucket) => string[]): string[] {
  return [...new Set(buckets.flatMap(keys))].sort();
}
