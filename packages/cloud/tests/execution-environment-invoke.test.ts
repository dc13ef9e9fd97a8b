import { afterEach, describe, expect, it } from 'vitest';
import {
  disposeAll,
  errorOf,
  linesOf,
  request,
  resultOf,
  startEnvironment,
} from './fixtures/handlers/environment-harness.js';

afterEach(disposeAll);

const ISO = '\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z';

describe('ExecutionEnvironment: results', () => {
  it.each([
    ['an async handler', 'async-handlers.echo', { a: 1 }],
    ['a callback handler', 'callback-handlers.ok', { got: { a: 1 } }],
    ['context.succeed', 'callback-handlers.contextSucceed', { via: 'succeed' }],
  ])('returns the result of %s as JSON text', async (_label, handler, expected) => {
    const { env } = await startEnvironment(handler);

    const outcome = await env.invoke(request({ a: 1 }));

    expect(outcome.kind).toBe('success');
    const result = resultOf(outcome) as Record<string, unknown>;
    expect(handler.endsWith('echo') ? result.event : result).toEqual(expected);
    expect(outcome.durationMs).toBeGreaterThan(0);
    expect(outcome.maxMemoryUsedMb).toBeGreaterThan(0);
    expect(outcome.maxMemoryUsedMb).toBeLessThanOrEqual(256);
  });

  it.each([
    ['an async handler returns undefined', 'async-handlers.returnsUndefined'],
    [
      'a sync handler returns without calling back, once its event loop is empty',
      'callback-handlers.neverCallsBack',
    ],
  ])('answers null when %s', async (_label, handler) => {
    const { env } = await startEnvironment(handler);

    const outcome = await env.invoke(request({}));

    expect(outcome).toMatchObject({ kind: 'success', payload: 'null' });
  });

  it('counts only the first callback', async () => {
    const { env, logs } = await startEnvironment('callback-handlers.callsTwice');

    const outcome = await env.invoke(request({}));

    expect(resultOf(outcome)).toBe('first');
    expect(await env.invoke(request({}))).toMatchObject({ kind: 'success', payload: '"first"' });
    expect(linesOf(logs)).toEqual([]);
  });
});

describe('ExecutionEnvironment: function errors', () => {
  it.each([
    [
      'a named Error subclass thrown by an async handler',
      'async-handlers.throwsNamed',
      'ValidationError',
      'name is required',
    ],
    [
      'an Error subclass that keeps the name "Error"',
      'async-handlers.throwsUnnamed',
      'Error',
      'subclass without a name',
    ],
    ['an error passed to the callback', 'callback-handlers.fails', 'RangeError', 'out of range'],
    ['an error thrown synchronously', 'callback-handlers.throwsSync', 'Error', 'thrown synchronously'],
  ])(
    'serialises %s as errorType, errorMessage and trace',
    async (_label, handler, errorType, errorMessage) => {
      const { env } = await startEnvironment(handler);

      const error = errorOf(await env.invoke(request({})));

      expect(error).toMatchObject({ errorType, errorMessage, environmentDied: false });
      expect(error.trace?.[0]).toBe(`${errorType}: ${errorMessage}`);
      expect(error.trace?.[1]).toMatch(/^ {4}at /);
      expect(env.alive).toBe(true);
    },
  );

  it.each([
    ['a rejected string', 'async-handlers.rejectsString', 'string', 'plain string'],
    ['a string passed to the callback', 'callback-handlers.failsWithString', 'string', 'not an error object'],
    ['a rejection without a reason', 'async-handlers.rejectsNothing', 'string', 'handled'],
    ['context.fail() without an error', 'callback-handlers.contextFailEmpty', 'string', 'handled'],
  ])('serialises %s by its typeof, with an empty trace', async (_label, handler, errorType, errorMessage) => {
    const { env } = await startEnvironment(handler);

    const error = errorOf(await env.invoke(request({})));

    expect(error).toEqual({ errorType, errorMessage, trace: [], environmentDied: false });
  });

  it('logs the error as the runtime does ("Invoke Error" and the error as JSON)', async () => {
    const { env, logs } = await startEnvironment('async-handlers.throwsNamed');
    const invocation = request({});

    await env.invoke(invocation);

    expect(logs).toHaveLength(1);
    expect(logs[0]?.requestId).toBe(invocation.requestId);
    const [time, requestId, level, message] = logs[0]?.line.split('\t') ?? [];
    expect([requestId, level, message]).toEqual([invocation.requestId, 'ERROR', 'Invoke Error ']);
    expect(time).toMatch(new RegExp(`^${ISO}$`));
    const logged = JSON.parse(logs[0]?.line.split('\t').slice(4).join('\t') ?? '');
    expect(logged).toMatchObject({
      errorType: 'ValidationError',
      errorMessage: 'name is required',
      name: 'ValidationError',
    });
    expect(logged.stack[0]).toBe('ValidationError: name is required');
  });

  it('answers a result that cannot be serialised with an error', async () => {
    const { env } = await startEnvironment('async-handlers.returnsCircular');

    const error = errorOf(await env.invoke(request({})));

    expect(error).toMatchObject({ errorType: 'Error', errorMessage: 'Unable to stringify response body' });
  });

  it('fails an async handler whose promise can never settle with Runtime.NodeJsExit', async () => {
    const { env } = await startEnvironment('async-handlers.neverSettles');

    const error = errorOf(await env.invoke(request({})));

    expect(error.errorType).toBe('Runtime.NodeJsExit');
    expect(error.errorMessage).toContain('most commonly caused by a Promise that was never settled');
    expect(error.environmentDied).toBe(false);
  });
});

describe('ExecutionEnvironment: the context', () => {
  it("carries the invocation's and the function's data, as on AWS", async () => {
    const { env } = await startEnvironment(
      'async-handlers.echo',
      { name: 'orders-create', memoryMb: 512 },
      { AWS_LAMBDA_FUNCTION_NAME: 'orders-create', AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/orders-create' },
    );
    const clientContext = Buffer.from(JSON.stringify({ custom: { tenant: 't1' } })).toString('base64');
    const invocation = request({}, { clientContext, identity: { cognitoIdentityId: 'id-1' } }, 1_000);

    const result = resultOf(await env.invoke(invocation)) as { context: unknown; remaining: number };

    expect(result.context).toEqual({
      awsRequestId: invocation.requestId,
      functionName: 'orders-create',
      functionVersion: '$LATEST',
      invokedFunctionArn: 'arn:aws:lambda:eu-west-1:000000000000:function:orders-create',
      memoryLimitInMB: '512',
      logGroupName: '/aws/lambda/orders-create',
      logStreamName: expect.stringMatching(/^\d{4}\/\d\d\/\d\d\/\[\$LATEST\][0-9a-f]{32}$/),
      callbackWaitsForEmptyEventLoop: true,
      clientContext: { custom: { tenant: 't1' } },
      identity: { cognitoIdentityId: 'id-1' },
      legacy: ['function', 'function', 'function'],
    });
    expect(result.remaining).toBeGreaterThan(500);
    expect(result.remaining).toBeLessThanOrEqual(1_000);
  });

  it('sets _X_AMZN_TRACE_ID for each invocation', async () => {
    const { env } = await startEnvironment('async-handlers.echo');

    const first = resultOf(
      await env.invoke(request({}, { traceId: 'Root=1-aaaaaaaa-000000000000000000000001' })),
    );
    const second = resultOf(
      await env.invoke(request({}, { traceId: 'Root=1-aaaaaaaa-000000000000000000000002' })),
    );

    expect(first).toMatchObject({ traceEnv: 'Root=1-aaaaaaaa-000000000000000000000001' });
    expect(second).toMatchObject({ traceEnv: 'Root=1-aaaaaaaa-000000000000000000000002' });
  });

  it('refuses a second invocation while one runs', async () => {
    const { env } = await startEnvironment('callback-handlers.pendingTimer');

    const first = env.invoke(request({ ms: 50 }));

    expect(() => env.invoke(request({ ms: 50 }))).toThrow(/already running an invocation/);
    expect((await first).kind).toBe('success');
  });
});

describe('ExecutionEnvironment: logs', () => {
  it("formats console.* as Lambda's text lines and passes raw stdout and stderr through", async () => {
    const { env, logs } = await startEnvironment('async-handlers.logs');
    const invocation = request({});
    const id = invocation.requestId;

    await env.invoke(invocation);

    const lines = linesOf(logs);
    const formatted = lines.filter((line) => line.includes(`\t${id}\t`));
    expect(formatted.map((line) => line.replace(new RegExp(`^${ISO}\\t${id}\\t`), ''))).toEqual([
      'INFO\thello world { n: 1 }',
      'INFO\tinfo',
      'WARN\twarn',
      expect.stringMatching(/^ERROR\terror Error: logged\n {4}at /),
      'DEBUG\tdebug',
      'TRACE\ttrace',
      'INFO\ttwo\nlines',
    ]);
    expect(lines).toContain('raw stdout');
    expect(lines).toContain('raw stderr');
    expect(logs.every((entry) => entry.requestId === id)).toBe(true);
  });

  it('writes JSON lines and filters by level when the logging config asks for it', async () => {
    const { env, logs } = await startEnvironment(
      'async-handlers.logs',
      {},
      { AWS_LAMBDA_LOG_FORMAT: 'JSON', AWS_LAMBDA_LOG_LEVEL: 'WARN' },
    );
    const invocation = request({});

    await env.invoke(invocation);

    const json = linesOf(logs)
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line));
    expect(json.map((entry) => [entry.level, entry.requestId])).toEqual([
      ['WARN', invocation.requestId],
      ['ERROR', invocation.requestId],
    ]);
    expect(json[1]).toMatchObject({
      message: expect.stringMatching(/^error Error: logged/),
      errorType: 'Error',
    });
  });
});
