import { fileURLToPath } from 'node:url';
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LambdaService } from '../src/lambda/lambda-service.js';
import type { FunctionLogLine } from '../src/lambda/types.js';
import {
  decode,
  type EdgeHarness,
  edgeHarness,
  edgeRuntimeEnvironment,
} from './fixtures/lambda-service/edge-harness.js';
import { functionConfig, linesOf, RecordingTargets } from './fixtures/lambda-service/fake-environments.js';

// Real execution environments (worker threads started from dist/): the package is built first.
const FUNCTIONS = fileURLToPath(new URL('./fixtures/lambda-service/functions/', import.meta.url));
const ON_FAILURE = 'arn:aws:sqs:eu-west-1:123456789012:failures';
const DLQ = 'arn:aws:sqs:eu-west-1:123456789012:dlq';

let edge: EdgeHarness | undefined;
let service: LambdaService;
const logs: FunctionLogLine[] = [];
const targets = new RecordingTargets();

const fn = (name: string, handler: string, overrides: Parameters<typeof functionConfig>[1] = {}) =>
  functionConfig(name, { handler, codeDir: FUNCTIONS, memoryMb: 256, timeoutSeconds: 10, ...overrides });

beforeAll(async () => {
  service = new LambdaService({
    accountId: '123456789012',
    region: 'eu-west-1',
    concurrencyLimit: 40,
    runtimeEnvironment: edgeRuntimeEnvironment(() => edge),
    targets,
    logSink: (entry) => logs.push(entry),
    asyncRetryDelaysMs: [20, 40],
  });
  service.createFunction(fn('echo', 'echo.handler'));
  service.createFunction(fn('exit', 'exit.handler', { environment: { EXIT_FIRST: 'yes' } }));
  service.createFunction(fn('recurse', 'recurse.handler', { asyncInvokeConfig: { onFailure: ON_FAILURE } }));
  service.createFunction(
    fn('fail', 'fail.handler', { deadLetterTargetArn: DLQ, asyncInvokeConfig: { onFailure: ON_FAILURE } }),
  );
  edge = await edgeHarness(service);
});

afterAll(async () => {
  await edge?.close();
  await service.close();
});

describe('Lambda API with real execution environments', () => {
  it('runs a function through the SDK with a trace header, START/END/REPORT and Init Duration only when cold', async () => {
    const client = edge!.client();

    const cold = await client.send(
      new InvokeCommand({ FunctionName: 'echo', Payload: new TextEncoder().encode('{"n":1}') }),
    );
    const warm = await client.send(
      new InvokeCommand({ FunctionName: 'echo', Payload: new TextEncoder().encode('{"n":2}') }),
    );

    const coldResult = decode(cold.Payload) as { event: unknown; requestId: string; traceId: string };
    expect(coldResult.event).toEqual({ n: 1 });
    expect(coldResult.traceId).toMatch(
      /^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0;Lineage=[0-9a-f]{8}:1$/,
    );
    const coldLines = linesOf(logs, coldResult.requestId);
    expect(coldLines[0]).toBe(`START RequestId: ${coldResult.requestId} Version: $LATEST`);
    expect(coldLines.some((line) => line.includes('echo {"n":1}'))).toBe(true);
    expect(coldLines.at(-2)).toBe(`END RequestId: ${coldResult.requestId}`);
    expect(coldLines.at(-1)).toMatch(
      /^REPORT RequestId: \S+\tDuration: [\d.]+ ms\tBilled Duration: \d+ ms\tMemory Size: 256 MB\tMax Memory Used: \d+ MB\tInit Duration: [\d.]+ ms$/,
    );
    const warmId = (decode(warm.Payload) as { requestId: string }).requestId;
    expect(linesOf(logs, warmId).at(-1)).not.toContain('Init Duration');
  });

  it('discards an environment that exited and serves the next invocation from a fresh one', async () => {
    const client = edge!.client();

    const died = await client.send(new InvokeCommand({ FunctionName: 'exit' }));
    const next = await client.send(new InvokeCommand({ FunctionName: 'exit', LogType: 'Tail' }));

    expect(died.FunctionError).toBe('Unhandled');
    expect(decode(died.Payload)).toMatchObject({ errorType: 'Runtime.ExitError' });
    // The fresh environment exits on its own first invocation too: each environment starts cold.
    expect(next.FunctionError).toBe('Unhandled');
    expect(Buffer.from(next.LogResult!, 'base64').toString()).toContain('\tInit Duration: ');
  });

  it('stops a function that invokes itself synchronously through the SDK at the 17th invocation', async () => {
    const client = edge!.client();
    const before = logs.filter(
      (entry) => entry.functionName === 'recurse' && entry.line.startsWith('START'),
    ).length;

    const out = await client.send(
      new InvokeCommand({ FunctionName: 'recurse', Payload: new TextEncoder().encode('{}') }),
    );

    expect(decode(out.Payload)).toMatchObject({ depth: 16, stoppedBy: 'RecursiveInvocationException' });
    const starts = logs.filter(
      (entry) => entry.functionName === 'recurse' && entry.line.startsWith('START'),
    ).length;
    expect(starts - before).toBe(16);
  }, 60_000);

  it('drops the 17th asynchronous self-invocation to the on-failure destination', async () => {
    const client = edge!.client();

    await client.send(
      new InvokeCommand({
        FunctionName: 'recurse',
        InvocationType: 'Event',
        Payload: new TextEncoder().encode('{"async":true}'),
      }),
    );
    await waitFor(() => targets.to(ON_FAILURE).length > 0);

    expect(targets.to(ON_FAILURE)).toMatchObject([
      {
        requestContext: { condition: 'RecursiveInvocationDetected' },
        requestPayload: { depth: 16, async: true },
      },
    ]);
    expect(linesOf(logs).some((line) => line.includes('17th in a recursive loop'))).toBe(true);
  }, 60_000);

  it('retries a failing Event invocation twice, then delivers the record and the event', async () => {
    const client = edge!.client();
    const failuresBefore = targets.to(ON_FAILURE).length;

    await client.send(
      new InvokeCommand({
        FunctionName: 'fail',
        InvocationType: 'Event',
        Payload: new TextEncoder().encode('{"order":1}'),
      }),
    );
    await service.whenAsyncIdle();

    expect(targets.to(ON_FAILURE).slice(failuresBefore)).toMatchObject([
      {
        requestContext: { condition: 'RetriesExhausted', approximateInvokeCount: 3 },
        requestPayload: { order: 1 },
        responseContext: { functionError: 'Unhandled' },
        responsePayload: { errorType: 'Error', errorMessage: 'cannot process {"order":1}' },
      },
    ]);
    expect(targets.to(DLQ)).toEqual([{ order: 1 }]);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
