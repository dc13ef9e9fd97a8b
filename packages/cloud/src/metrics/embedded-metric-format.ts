/** One metric value found in an Embedded Metric Format log line. */
export interface EmfValue {
  readonly namespace: string;
  readonly name: string;
  readonly value: number;
}

interface EmfDocument {
  _aws?: { CloudWatchMetrics?: { Namespace?: string; Metrics?: { Name?: string }[] }[] };
  [key: string]: unknown;
}

/**
 * Reads the metric values of a CloudWatch Embedded Metric Format line (what Powertools Metrics
 * prints), as CloudWatch would: the `_aws.CloudWatchMetrics` directives name the metrics, their
 * values are top-level keys (a number, or a list of numbers). Anything else yields nothing.
 */
export function parseEmf(line: string): EmfValue[] {
  const start = line.indexOf('{');
  if (start === -1 || !line.includes('"_aws"')) return [];
  let document: EmfDocument;
  try {
    document = JSON.parse(line.slice(start)) as EmfDocument;
  } catch {
    return [];
  }
  const values: EmfValue[] = [];
  for (const directive of document._aws?.CloudWatchMetrics ?? []) {
    const namespace = directive.Namespace ?? 'default';
    for (const metric of directive.Metrics ?? []) {
      if (!metric.Name) continue;
      const raw = document[metric.Name];
      for (const value of Array.isArray(raw) ? raw : [raw]) {
        if (typeof value === 'number' && Number.isFinite(value))
          values.push({ namespace, name: metric.Name, value });
      }
    }
  }
  return values;
}
