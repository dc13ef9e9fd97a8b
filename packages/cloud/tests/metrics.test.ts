import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalCloud, type MetricBucket, MetricsRecorder, parseEmf } from '../src/index.js';
import { createTestProject, type TestProject } from './support/test-project.js';

describe('the metrics recorder', () => {
  it('keeps invocations, errors, throttles, durations and EMF values in fixed buckets, with empty buckets for quiet time', () => {
    // Prepare
    let now = 1_000_000;
    const recorder = new MetricsRecorder({ bucketSeconds: 10, now: () => now });

    // Act
    recorder.recordInvocation({
      functionName: 'a',
      kind: 'invocation',
      error: false,
      durationMs: 4,
      coldStart: true,
    });
    recorder.recordInvocation({
      functionName: 'a',
      kind: 'invocation',
      error: true,
      durationMs: 6,
      coldStart: false,
    });
    recorder.recordInvocation({
      functionName: 'a',
      kind: 'throttle',
      error: false,
      durationMs: 0,
      coldStart: false,
    });
    recorder.recordLogLine(
      '{"_aws":{"CloudWatchMetrics":[{"Namespace":"n","Metrics":[{"Name":"m"}]}]},"m":[1,2]}',
    );
    now += 35_000;
    recorder.sampleConcurrency(3);

    // Assess
    const series = recorder.series(0);
    expect(series.map((bucket) => bucket.start)).toEqual([1_000_000, 1_010_000, 1_020_000, 1_030_000]);
    const first = series[0] as MetricBucket;
    expect(first).toMatchObject({
      invocations: { a: 2 },
      errors: { a: 1 },
      throttles: { a: 1 },
      coldStarts: { a: 1 },
      durationMs: { a: { count: 2, sum: 10, max: 6 } },
      custom: { 'n/m': { count: 2, sum: 3, max: 2 } },
    });
    expect(series.at(-1)?.concurrency).toBe(3);
  });

  it.each([
    ['not JSON', 'hello', []],
    ['JSON without _aws', '{"a":1}', []],
    [
      'a Lambda text line around the JSON',
      '2026-11-28T00:00:00.000Z\tid\tINFO\t{"_aws":{"CloudWatchMetrics":[{"Namespace":"x","Metrics":[{"Name":"y"}]}]},"y":5}',
      [{ namespace: 'x', name: 'y', value: 5 }],
    ],
    [
      'a metric without a value',
      '{"_aws":{"CloudWatchMetrics":[{"Namespace":"x","Metrics":[{"Name":"y"}]}]}}',
      [],
    ],
  ])('reads EMF from %s', (_case, line, expected) => {
    expect(parseEmf(line)).toEqual(expected);
  });
});

describe('GET /_motorcade/metrics', () => {
  let project: TestProject;
  let cloud: LocalCloud;
  beforeAll(async () => {
    project = await createTestProject();
    const config = await project.config(
      { metrics: { template: 'metrics/template.yaml' } },
      new URL('./fixtures/', import.meta.url).pathname,
    );
    await project.cloud.stop();
    cloud = await LocalCloud.start({
      environments: [
        {
          name: 'test',
          accountId: '123456789012',
          region: 'eu-west-1',
          concurrency: 10,
          stateDir: project.stateDir,
        },
      ],
      logSink: () => {},
      gatewayPort: 0,
    });
    await cloud.deployProject(config, 'test');
  });
  afterAll(async () => {
    await cloud.stop();
    await project.dispose();
  });

  it('reports what the runtime saw: invocations and errors per function, API requests and EMF metrics', async () => {
    // Act
    for (let i = 0; i < 3; i += 1)
      expect((await fetch(`${cloud.gateway?.url}/metrics/work`)).status).toBe(200);
    expect((await fetch(`${cloud.gateway?.url}/metrics/nowhere`)).status).toBe(403);
    await cloud.environment('test').lambda.invoke('work', Buffer.from('{"fail":true}'));
    const metrics = (await (
      await fetch(`${cloud.edgeUrl}/_motorcade/metrics?env=test&minutes=5`)
    ).json()) as {
      bucketSeconds: number;
      series: MetricBucket[];
    };

    // Assess
    const sum = (pick: (bucket: MetricBucket) => number | undefined) =>
      metrics.series.reduce((total, bucket) => total + (pick(bucket) ?? 0), 0);
    expect(metrics.bucketSeconds).toBe(10);
    expect(sum((bucket) => bucket.invocations.work)).toBe(4);
    expect(sum((bucket) => bucket.errors.work)).toBe(1);
    expect(sum((bucket) => bucket.api['test-metrics/ServerlessRestApi']?.requests)).toBe(4);
    expect(sum((bucket) => bucket.api['test-metrics/ServerlessRestApi']?.clientErrors)).toBe(1);
    expect(sum((bucket) => bucket.custom['fleet/itemsCreated']?.sum)).toBe(8);
  });
});
