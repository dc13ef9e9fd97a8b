/**
 * The Lambda invocations a phase of the ingestion benchmark caused, by function, from the
 * environment's metrics recorder (the CloudWatch stand-in): a snapshot before the phase, the
 * difference after it, and a table of that difference per 1,000 positions.
 */
import { ms, table } from './format.mjs';

/** Sums the environment's metric buckets: invocations, errors, throttles and durations by function. */
function invocationTotals(metrics) {
  const totals = new Map();
  for (const bucket of metrics.series(0)) {
    for (const [name, count] of Object.entries(bucket.invocations)) {
      const entry = totals.get(name) ?? { invocations: 0, errors: 0, throttles: 0, durationMs: 0 };
      entry.invocations += count;
      entry.errors += bucket.errors[name] ?? 0;
      entry.durationMs += bucket.durationMs[name]?.sum ?? 0;
      totals.set(name, entry);
    }
    for (const [name, count] of Object.entries(bucket.throttles)) {
      const entry = totals.get(name) ?? { invocations: 0, errors: 0, throttles: 0, durationMs: 0 };
      entry.throttles += count;
      totals.set(name, entry);
    }
  }
  return totals;
}

/** The invocations a phase caused, by `<service>.<LogicalId>`, most first. */
function invocationsBetween(before, after, nameOf) {
  const rows = [];
  for (const [name, entry] of after) {
    const earlier = before.get(name) ?? { invocations: 0, errors: 0, throttles: 0, durationMs: 0 };
    const invocations = entry.invocations - earlier.invocations;
    const throttles = entry.throttles - earlier.throttles;
    if (invocations === 0 && throttles === 0) continue;
    rows.push({
      name: nameOf(name),
      invocations,
      errors: entry.errors - earlier.errors,
      throttles,
      meanMs: invocations > 0 ? (entry.durationMs - earlier.durationMs) / invocations : Number.NaN,
      busyMs: entry.durationMs - earlier.durationMs,
    });
  }
  return rows.sort((a, b) => b.invocations - a.invocations);
}

/**
 * A `snapshot()` of the environment's invocations so far; its `since()` gives the rows of
 * `invocationsBetween` from then to now, each function named `<service>.<LogicalId>` of `stacks`.
 */
export function invocationSnapshots(stacks, metrics) {
  const names = new Map(
    stacks.flatMap((stack) =>
      Object.entries(stack.resources)
        .filter(([, resource]) => resource.type === 'AWS::Lambda::Function')
        .map(([logicalId, resource]) => [resource.physicalId, `${stack.service}.${logicalId}`]),
    ),
  );
  return () => {
    const before = invocationTotals(metrics);
    return {
      since: () => invocationsBetween(before, invocationTotals(metrics), (name) => names.get(name) ?? name),
    };
  };
}

/** The rows of `invocationsBetween` as a table titled `title`, with each count per 1,000 of `positions`. */
export function invocationTable(title, rows, positions) {
  return table(
    [title, 'invocations', 'per 1,000 positions', 'mean duration', 'total busy', 'errors', 'throttles'],
    rows.map((row) => [
      row.name,
      row.invocations.toLocaleString('en'),
      ((row.invocations / positions) * 1000).toFixed(1),
      ms(row.meanMs),
      `${(row.busyMs / 1000).toFixed(1)} s`,
      row.errors,
      row.throttles,
    ]),
    'lrrrrrr',
  );
}
