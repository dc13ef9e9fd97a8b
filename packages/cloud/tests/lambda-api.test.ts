import {
  GetFunctionCommand,
  GetFunctionConfigurationCommand,
  InvokeCommand,
  ListFunctionsCommand,
  waitUntilFunctionActiveV2,
} from '@aws-sdk/client-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import { decode, type EdgeHarness, edgeHarness } from './fixtures/lambda-service/edge-harness.js';
import { deferred, functionConfig } from './fixtures/lambda-service/fake-environments.js';
import { ACCOUNT, closeServices, REGION, serviceHarness } from './fixtures/lambda-service/service-harness.js';

let edge: EdgeHarness | undefined;

afterEach(async () => {
  await edge?.close();
  edge = undefined;
  await closeServices();
});

/** A service on fake environments with `echo`, `boom` and `talk`, behind an edge. */
async function setUp(overrides: Parameters<typeof serviceHarness>[0] = {}) {
  const harness = serviceHarness(overrides);
  harness.fakes.handlers.set('echo.handler', (event) => ({ echoed: event }));
  harness.fakes.handlers.set('boom.handler', () => {
    throw new RangeError('out of range');
  });
  harness.fakes.handlers.set('talk.handler', (_event, context) => {
    context.log('some output');
    return 'talked';
  });
  for (const name of ['echo', 'boom', 'talk']) harness.service.createFunction(functionConfig(name));
  edge = await edgeHarness(harness.service);
  return { ...harness, client: edge.client() };
}

const payload = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

describe('Lambda API on the edge: Invoke with the AWS SDK', () => {
  it('answers RequestResponse with 200, the executed version and the payload', async () => {
    const { client } = await setUp();

    const out = await client.send(new InvokeCommand({ FunctionName: 'echo', Payload: payload({ id: 1 }) }));

    expect(out.StatusCode).toBe(200);
    expect(out.ExecutedVersion).toBe('$LATEST');
    expect(out.FunctionError).toBeUndefined();
    expect(decode(out.Payload)).toEqual({ echoed: { id: 1 } });
    expect(out.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers Event with 202 and runs the function in the background', async () => {
    const { client, service, fakes } = await setUp();

    const out = await client.send(
      new InvokeCommand({ FunctionName: 'echo', InvocationType: 'Event', Payload: payload({}) }),
    );
    await service.whenAsyncIdle();

    expect(out.StatusCode).toBe(202);
    expect(fakes.environments[0]!.invocations).toHaveLength(1);
  });

  it('answers DryRun with 204', async () => {
    const { client } = await setUp();

    const out = await client.send(new InvokeCommand({ FunctionName: 'echo', InvocationType: 'DryRun' }));

    expect(out.StatusCode).toBe(204);
  });

  it.each([
    ['a partial ARN', `${ACCOUNT}:function:echo`, undefined],
    ['a full ARN', `arn:aws:lambda:${REGION}:${ACCOUNT}:function:echo`, undefined],
    ['a full ARN with :$LATEST', `arn:aws:lambda:${REGION}:${ACCOUNT}:function:echo:$LATEST`, undefined],
    ['a name and the Qualifier parameter', 'echo', '$LATEST'],
  ])('finds the function by %s', async (_label, name, qualifier) => {
    const { client } = await setUp();

    const out = await client.send(
      new InvokeCommand({ FunctionName: name, Qualifier: qualifier, Payload: payload(1) }),
    );

    expect(decode(out.Payload)).toEqual({ echoed: 1 });
  });

  it('answers an unknown function with 404 ResourceNotFoundException and AWS message', async () => {
    const { client } = await setUp();

    const error = await client.send(new InvokeCommand({ FunctionName: 'missing' })).catch((e: unknown) => e);

    expect(error).toMatchObject({
      name: 'ResourceNotFoundException',
      message: `Function not found: arn:aws:lambda:${REGION}:${ACCOUNT}:function:missing`,
      Type: 'User',
      $metadata: { httpStatusCode: 404 },
    });
  });

  it('answers a function error with 200, X-Amz-Function-Error Unhandled and the error payload', async () => {
    const { client } = await setUp();

    const out = await client.send(new InvokeCommand({ FunctionName: 'boom', Payload: payload({}) }));

    expect(out.StatusCode).toBe(200);
    expect(out.FunctionError).toBe('Unhandled');
    expect(decode(out.Payload)).toMatchObject({
      errorType: 'RangeError',
      errorMessage: 'out of range',
      trace: expect.any(Array),
    });
  });

  it('returns the log tail for LogType Tail', async () => {
    const { client } = await setUp();

    const out = await client.send(new InvokeCommand({ FunctionName: 'talk', LogType: 'Tail' }));

    const log = Buffer.from(out.LogResult!, 'base64').toString();
    expect(log).toMatch(
      /^START RequestId: \S+ Version: \$LATEST\n.*\tINFO\tsome output\nEND RequestId: \S+\nREPORT RequestId: \S+\tDuration: /,
    );
    expect(log).toContain('\tInit Duration: ');
  });

  it('refuses a request over 6 MB with 413 RequestEntityTooLargeException', async () => {
    const { client } = await setUp();
    const big = new TextEncoder().encode(`"${'a'.repeat(6 * 1024 * 1024)}"`);

    const error = await client
      .send(new InvokeCommand({ FunctionName: 'echo', Payload: big }))
      .catch((e: unknown) => e);

    expect(error).toMatchObject({
      name: 'RequestEntityTooLargeException',
      message: 'Request must be smaller than 6291456 bytes for the InvokeFunction operation',
      $metadata: { httpStatusCode: 413 },
    });
  });

  it('refuses an Event request over 1 MB with 413', async () => {
    const { client } = await setUp();
    const big = new TextEncoder().encode(`"${'a'.repeat(1024 * 1024)}"`);

    const error = await client
      .send(new InvokeCommand({ FunctionName: 'echo', InvocationType: 'Event', Payload: big }))
      .catch((e: unknown) => e);

    expect(error).toMatchObject({
      name: 'RequestEntityTooLargeException',
      message: '1048578 byte payload is too large for the Event invocation type (limit 1048576 bytes)',
      $metadata: { httpStatusCode: 413 },
    });
  });

  it('refuses a payload that is not JSON with 400 InvalidRequestContentException', async () => {
    const { client } = await setUp();

    const error = await client
      .send(new InvokeCommand({ FunctionName: 'echo', Payload: new TextEncoder().encode('{nope') }))
      .catch((e: unknown) => e);

    expect(error).toMatchObject({
      name: 'InvalidRequestContentException',
      message: expect.stringMatching(
        /^Could not parse request body into json: Could not parse payload into json: /,
      ),
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('throttles with 429 TooManyRequestsException, "Rate Exceeded." and the Reason', async () => {
    const { client, service, fakes } = await setUp({ concurrencyLimit: 1 });
    const gate = deferred();
    fakes.handlers.set('hold.handler', () => gate.promise);
    service.createFunction(functionConfig('hold'));
    service.createFunction(functionConfig('off', { reservedConcurrency: 0 }));

    const holding = client.send(new InvokeCommand({ FunctionName: 'hold' }));
    await new Promise((resolve) => setTimeout(resolve, 30));
    const account = await client.send(new InvokeCommand({ FunctionName: 'echo' })).catch((e: unknown) => e);
    const reserved = await client.send(new InvokeCommand({ FunctionName: 'off' })).catch((e: unknown) => e);
    gate.resolve();
    await holding;

    expect(account).toMatchObject({
      name: 'TooManyRequestsException',
      message: 'Rate Exceeded.',
      Reason: 'ConcurrentInvocationLimitExceeded',
      $metadata: { httpStatusCode: 429 },
    });
    expect(reserved).toMatchObject({ Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded' });
  });

  it('stops an invocation whose X-Amzn-Trace-Id lineage is at 16 with RecursiveInvocationException', async () => {
    const { client, service, fakes } = await setUp();
    await service.invoke('echo', Buffer.from('{}'));
    const lineage = fakes.environments[0]!.invocations[0]!.traceId.split('Lineage=')[1]!.replace(':1', ':16');
    client.middlewareStack.add(
      (next) => (args) => {
        const request = args.request as { headers: Record<string, string> };
        request.headers['x-amzn-trace-id'] =
          `Root=1-67891233-abcdef012345678912345678;Sampled=0;Lineage=${lineage}`;
        return next(args);
      },
      { step: 'build' },
    );

    const error = await client.send(new InvokeCommand({ FunctionName: 'echo' })).catch((e: unknown) => e);

    expect(error).toMatchObject({
      name: 'RecursiveInvocationException',
      message: expect.stringContaining('recursive loop'),
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('routes a full ARN to the account it names: two accounts throttle independently', async () => {
    const first = serviceHarness({ concurrencyLimit: 1 });
    const second = serviceHarness({ accountId: '210987654321', concurrencyLimit: 1 });
    const gate = deferred();
    for (const { service, fakes } of [first, second]) {
      fakes.handlers.set('hold.handler', () => gate.promise);
      service.createFunction(functionConfig('hold', {}, service.accountId));
    }
    edge = await edgeHarness(first.service, second.service);
    const client = edge.client();
    const arn = (account: string) => `arn:aws:lambda:${REGION}:${account}:function:hold`;

    const saturating = client.send(new InvokeCommand({ FunctionName: arn(ACCOUNT) }));
    await new Promise((resolve) => setTimeout(resolve, 30));
    const throttled = await client
      .send(new InvokeCommand({ FunctionName: arn(ACCOUNT) }))
      .catch((e: unknown) => e);
    const other = client.send(new InvokeCommand({ FunctionName: arn('210987654321') }));
    await new Promise((resolve) => setTimeout(resolve, 30));
    gate.resolve();

    expect(throttled).toMatchObject({ name: 'TooManyRequestsException' });
    expect((await other).StatusCode).toBe(200);
    expect((await saturating).StatusCode).toBe(200);
  });
});

describe('Lambda API on the edge: GetFunction and ListFunctions', () => {
  it('describes a function as Active, so the SDK waiters pass at once', async () => {
    const { client } = await setUp();

    const fn = await client.send(new GetFunctionCommand({ FunctionName: 'echo' }));
    const configuration = await client.send(new GetFunctionConfigurationCommand({ FunctionName: 'echo' }));
    const waited = await waitUntilFunctionActiveV2({ client, maxWaitTime: 5 }, { FunctionName: 'echo' });

    expect(fn.Configuration).toMatchObject({
      FunctionName: 'echo',
      FunctionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:echo`,
      Runtime: 'nodejs22.x',
      Handler: 'echo.handler',
      Timeout: 3,
      MemorySize: 128,
      State: 'Active',
      LastUpdateStatus: 'Successful',
    });
    expect(configuration.State).toBe('Active');
    expect(waited.state).toBe('SUCCESS');
  });

  it('answers GetFunction for an unknown function with 404', async () => {
    const { client } = await setUp();

    const error = await client
      .send(new GetFunctionCommand({ FunctionName: 'missing' }))
      .catch((e: unknown) => e);

    expect(error).toMatchObject({ name: 'ResourceNotFoundException', $metadata: { httpStatusCode: 404 } });
  });

  it('lists functions in pages', async () => {
    const { client } = await setUp();

    const first = await client.send(new ListFunctionsCommand({ MaxItems: 2 }));
    const second = await client.send(new ListFunctionsCommand({ MaxItems: 2, Marker: first.NextMarker }));

    expect(first.Functions?.map((fn) => fn.FunctionName)).toEqual(['boom', 'echo']);
    expect(second.Functions?.map((fn) => fn.FunctionName)).toEqual(['talk']);
    expect(second.NextMarker).toBeUndefined();
  });
});
