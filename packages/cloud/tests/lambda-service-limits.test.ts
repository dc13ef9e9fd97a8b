import { afterEach, describe, expect, it } from 'vitest';
import { parseLineage } from '../src/lambda/recursion-guard.js';
import { deferred, functionConfig, linesOf } from './fixtures/lambda-service/fake-environments.js';
import { closeServices, json, parse, serviceHarness } from './fixtures/lambda-service/service-harness.js';

afterEach(closeServices);

/** A JSON string payload of exactly `size` bytes. */
function payloadOfSize(size: number): Buffer {
  return Buffer.from(`"${'a'.repeat(size - 2)}"`);
}

describe('LambdaService: payload limits', () => {
  it('accepts a 6 MB synchronous request and refuses one byte more with RequestEntityTooLargeException', async () => {
    const { service, fakes } = serviceHarness();
    fakes.handlers.set('sink.handler', () => 'ok');
    service.createFunction(functionConfig('sink'));

    const atLimit = await service.invoke('sink', payloadOfSize(6_291_456));
    const over = service.invoke('sink', payloadOfSize(6_291_457));

    expect(atLimit.statusCode).toBe(200);
    await expect(over).rejects.toMatchObject({
      type: 'RequestEntityTooLargeException',
      statusCode: 413,
      message: 'Request must be smaller than 6291456 bytes for the InvokeFunction operation',
    });
  });

  it('refuses an Event request over 1 MB with the size in the message', async () => {
    const { service } = serviceHarness();
    service.createFunction(functionConfig('sink'));

    const accepted = await service.invoke('sink', payloadOfSize(1_048_576), { invocationType: 'Event' });
    const refused = service.invoke('sink', payloadOfSize(1_048_577), { invocationType: 'Event' });

    expect(accepted.statusCode).toBe(202);
    await expect(refused).rejects.toMatchObject({
      type: 'RequestEntityTooLargeException',
      statusCode: 413,
      message: '1048577 byte payload is too large for the Event invocation type (limit 1048576 bytes)',
    });
  });

  it('turns a response over 6 MB into the Function.ResponseSizeTooLarge function error', async () => {
    const { service, fakes } = serviceHarness();
    fakes.handlers.set('big.handler', () => 'b'.repeat(6_291_556));
    service.createFunction(functionConfig('big'));

    const result = await service.invoke('big', json({}));

    expect(result.functionError).toBe('Unhandled');
    expect(parse(result.payload)).toEqual({
      errorMessage: 'Response payload size exceeded maximum allowed payload size (6291556 bytes).',
      errorType: 'Function.ResponseSizeTooLarge',
    });
  });

  it.each([['{"a":'], ['not json'], ['{"a":1}x']])('refuses the invalid JSON payload %j', async (body) => {
    const { service } = serviceHarness();
    service.createFunction(functionConfig('sink'));

    await expect(service.invoke('sink', Buffer.from(body))).rejects.toMatchObject({
      type: 'InvalidRequestContentException',
      statusCode: 400,
      message: expect.stringMatching(
        /^Could not parse request body into json: Could not parse payload into json: /,
      ),
    });
  });

  it('passes an empty payload as {}', async () => {
    const { service, fakes } = serviceHarness();
    fakes.handlers.set('echo.handler', (event) => event);
    service.createFunction(functionConfig('echo'));

    const result = await service.invoke('echo', Buffer.alloc(0));

    expect(parse(result.payload)).toEqual({});
  });
});

describe('LambdaService: concurrency', () => {
  it('throttles past the account limit with ConcurrentInvocationLimitExceeded', async () => {
    const { service, fakes } = serviceHarness({ concurrencyLimit: 2 });
    const gate = deferred();
    fakes.handlers.set('hold.handler', () => gate.promise);
    service.createFunction(functionConfig('hold'));

    const running = [service.invoke('hold', json({})), service.invoke('hold', json({}))];
    await new Promise((resolve) => setTimeout(resolve, 10));
    const third = service.invoke('hold', json({}));

    await expect(third).rejects.toMatchObject({
      type: 'TooManyRequestsException',
      statusCode: 429,
      message: 'Rate Exceeded.',
      fields: { Reason: 'ConcurrentInvocationLimitExceeded' },
    });
    expect(service.stats().concurrentExecutions).toBe(2);
    gate.resolve();
    await Promise.all(running);
    expect(service.stats().concurrentExecutions).toBe(0);
  });

  it('holds a function to its reserved concurrency and keeps the reservation from others', async () => {
    const { service, fakes } = serviceHarness({ concurrencyLimit: 3 });
    const gate = deferred();
    fakes.handlers.set('reserved.handler', () => gate.promise);
    fakes.handlers.set('other.handler', () => gate.promise);
    service.createFunction(functionConfig('reserved', { reservedConcurrency: 2 }));
    service.createFunction(functionConfig('other'));

    const running = [
      service.invoke('reserved', json({})),
      service.invoke('reserved', json({})),
      service.invoke('other', json({})),
    ];
    await new Promise((resolve) => setTimeout(resolve, 10));

    await expect(service.invoke('reserved', json({}))).rejects.toMatchObject({
      fields: { Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded' },
    });
    // The unreserved pool is 3 - 2 = 1, and `other` uses it.
    await expect(service.invoke('other', json({}))).rejects.toMatchObject({
      fields: { Reason: 'ConcurrentInvocationLimitExceeded' },
    });
    gate.resolve();
    await Promise.all(running);
  });

  it('always throttles a function with ReservedConcurrentExecutions 0', async () => {
    const { service } = serviceHarness();
    service.createFunction(functionConfig('off', { reservedConcurrency: 0 }));

    await expect(service.invoke('off', json({}))).rejects.toMatchObject({
      type: 'TooManyRequestsException',
      fields: { Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded' },
    });
  });

  it('keeps two accounts apart: saturating one never throttles the other', async () => {
    const first = serviceHarness({ concurrencyLimit: 1 });
    const second = serviceHarness({ concurrencyLimit: 1 });
    const gate = deferred();
    for (const { service, fakes } of [first, second]) {
      fakes.handlers.set('hold.handler', () => gate.promise);
      service.createFunction(functionConfig('hold'));
    }

    const saturating = first.service.invoke('hold', json({}));
    await new Promise((resolve) => setTimeout(resolve, 10));
    await expect(first.service.invoke('hold', json({}))).rejects.toMatchObject({
      type: 'TooManyRequestsException',
    });
    const other = second.service.invoke('hold', json({}));
    gate.resolve();

    expect((await other).statusCode).toBe(200);
    await saturating;
  });
});

describe('LambdaService: recursive loop detection', () => {
  it('passes each invocation a trace header with a new root and a lineage', async () => {
    const { service, fakes } = serviceHarness();
    fakes.handlers.set('echo.handler', () => null);
    service.createFunction(functionConfig('echo'));

    await service.invoke('echo', json({}));

    const traceId = fakes.environments[0]!.invocations[0]!.traceId;
    expect(traceId).toMatch(
      /^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0;Lineage=[0-9a-f]{8}:1$/,
    );
  });

  it('continues the caller lineage and stops the 17th invocation of one function in a chain', async () => {
    const { service, fakes, logs } = serviceHarness();
    fakes.handlers.set('loop.handler', () => null);
    service.createFunction(functionConfig('loop'));
    await service.invoke('loop', json({}));
    const first = fakes.environments[0]!.invocations[0]!.traceId;
    const hash = [...parseLineage(first.split('Lineage=')[1]).keys()][0]!;
    const root = 'Root=1-67891233-abcdef012345678912345678';

    await service.invoke('loop', json({}), {
      traceHeader: `${root};Parent=53995c3f42cd8ad8;Sampled=0;Lineage=${hash}:15`,
    });
    const sixteenth = fakes.environments[0]!.invocations[1]!.traceId;
    const seventeenth = service.invoke('loop', json({}), {
      traceHeader: `${root};Sampled=0;Lineage=${hash}:16`,
    });

    expect(sixteenth).toContain(`${root};`);
    expect(sixteenth).toContain(`Lineage=${hash}:16`);
    await expect(seventeenth).rejects.toMatchObject({
      type: 'RecursiveInvocationException',
      statusCode: 400,
    });
    expect(linesOf(logs).some((line) => line.includes('17th in a recursive loop'))).toBe(true);
  });

  it('does not count other functions of the chain against this one', async () => {
    const { service, fakes } = serviceHarness();
    fakes.handlers.set('echo.handler', () => null);
    service.createFunction(functionConfig('echo'));

    const result = await service.invoke('echo', json({}), {
      traceHeader: 'Root=1-67891233-abcdef012345678912345678;Lineage=a87bd80c:16',
    });

    expect(result.statusCode).toBe(200);
    expect(fakes.environments[0]!.invocations[0]!.traceId).toMatch(/Lineage=a87bd80c:16\|[0-9a-f]{8}:1$/);
  });
});
