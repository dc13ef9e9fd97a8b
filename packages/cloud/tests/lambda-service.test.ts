import { afterEach, describe, expect, it } from 'vitest';
import { functionConfig, linesOf } from './fixtures/lambda-service/fake-environments.js';
import {
  ACCOUNT,
  closeServices,
  json,
  parse,
  REGION,
  serviceHarness,
} from './fixtures/lambda-service/service-harness.js';

afterEach(closeServices);

describe('LambdaService: functions and names', () => {
  it.each([
    ['a name', 'echo'],
    ['a name with $LATEST', 'echo:$LATEST'],
    ['a partial ARN', `${ACCOUNT}:function:echo`],
    ['a full ARN', `arn:aws:lambda:${REGION}:${ACCOUNT}:function:echo`],
    ['a full ARN with $LATEST', `arn:aws:lambda:${REGION}:${ACCOUNT}:function:echo:$LATEST`],
  ])('invokes a function named by %s', async (_label, name) => {
    // Prepare
    const { service, fakes } = serviceHarness();
    fakes.handlers.set('echo.handler', (event) => ({ got: event }));
    service.createFunction(functionConfig('echo'));

    // Act
    const result = await service.invoke(name, json({ a: 1 }));

    // Assess
    expect(result.statusCode).toBe(200);
    expect(result.executedVersion).toBe('$LATEST');
    expect(result.functionError).toBeUndefined();
    expect(parse(result.payload)).toEqual({ got: { a: 1 } });
  });

  it.each([
    ['an unknown name', 'nope', undefined, `arn:aws:lambda:${REGION}:${ACCOUNT}:function:nope`],
    [
      'another account',
      `arn:aws:lambda:${REGION}:999999999999:function:echo`,
      undefined,
      `arn:aws:lambda:${REGION}:999999999999:function:echo`,
    ],
    ['a published version', 'echo', '3', `arn:aws:lambda:${REGION}:${ACCOUNT}:function:echo:3`],
  ])(
    'answers %s with ResourceNotFoundException and the ARN AWS prints',
    async (_label, name, qualifier, arn) => {
      const { service } = serviceHarness();
      service.createFunction(functionConfig('echo'));

      await expect(service.invoke(name, json({}), qualifier ? { qualifier } : {})).rejects.toMatchObject({
        type: 'ResourceNotFoundException',
        statusCode: 404,
        message: `Function not found: ${arn}`,
      });
    },
  );

  it('refuses to create a function whose name exists', () => {
    const { service } = serviceHarness();
    service.createFunction(functionConfig('echo'));

    expect(() => service.createFunction(functionConfig('echo'))).toThrow(
      expect.objectContaining({ type: 'ResourceConflictException', statusCode: 409 }),
    );
  });

  it('lists, gets and deletes functions by name or ARN', async () => {
    const { service } = serviceHarness();
    service.createFunction(functionConfig('a'));
    service.createFunction(functionConfig('b'));

    await service.deleteFunction(`arn:aws:lambda:${REGION}:${ACCOUNT}:function:a`);

    expect(service.listFunctions().map((config) => config.name)).toEqual(['b']);
    expect(service.getFunction(`${ACCOUNT}:function:b`)?.name).toBe('b');
    expect(service.getFunction('a')).toBeUndefined();
  });

  it('answers DryRun with 204 without running the function', async () => {
    const { service, fakes } = serviceHarness();
    service.createFunction(functionConfig('echo'));

    const result = await service.invoke('echo', json({}), { invocationType: 'DryRun' });

    expect(result.statusCode).toBe(204);
    expect(fakes.environments).toHaveLength(0);
  });

  it('gives the environment Lambda reserved variables and the service endpoint and credentials', async () => {
    const { service, fakes } = serviceHarness();
    fakes.handlers.set('env.handler', () => null);
    service.createFunction(
      functionConfig('env', {
        memoryMb: 256,
        environment: {
          TABLE: 'items',
          AWS_ACCESS_KEY_ID: 'from-template',
          AWS_LAMBDA_FUNCTION_NAME: 'spoofed',
        },
      }),
    );

    await service.invoke('env', json({}));

    const env = fakes.environments[0]!.runtimeEnv;
    expect(env).toMatchObject({
      TABLE: 'items',
      AWS_LAMBDA_FUNCTION_NAME: 'env',
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256',
      AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/env',
      AWS_REGION: REGION,
      AWS_DEFAULT_REGION: REGION,
      AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
      LAMBDA_TASK_ROOT: '/tmp/motorcade-fake',
      _HANDLER: 'env.handler',
      AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
      AWS_ENDPOINT_URL: 'http://127.0.0.1:4566',
      AWS_ACCESS_KEY_ID: 'motorcade-test',
      AWS_SECRET_ACCESS_KEY: 'motorcade',
    });
    expect(env.AWS_LAMBDA_LOG_STREAM_NAME).toMatch(/^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
    expect(env.LAMBDA_RUNTIME_DIR).toBeTruthy();
  });
});

describe('LambdaService: logs and execution environments', () => {
  it('writes START, the function output, END and REPORT, with Init Duration only on the cold start', async () => {
    const { service, fakes, logs } = serviceHarness();
    fakes.handlers.set('talk.handler', (_event, context) => {
      context.log('hello from the handler');
      return 'ok';
    });
    service.createFunction(functionConfig('talk'));

    const cold = await service.invoke('talk', json({}));
    const warm = await service.invoke('talk', json({}));

    const coldLines = linesOf(logs, cold.requestId);
    expect(coldLines[0]).toBe(`START RequestId: ${cold.requestId} Version: $LATEST`);
    expect(coldLines[1]).toMatch(/\tINFO\thello from the handler$/);
    expect(coldLines[2]).toBe(`END RequestId: ${cold.requestId}`);
    expect(coldLines[3]).toMatch(
      new RegExp(
        `^REPORT RequestId: ${cold.requestId}\\tDuration: \\d+\\.\\d{2} ms\\tBilled Duration: \\d+ ms\\tMemory Size: 128 MB\\tMax Memory Used: 40 MB\\tInit Duration: 12\\.34 ms$`,
      ),
    );
    const warmReport = linesOf(logs, warm.requestId).at(-1);
    expect(warmReport).toMatch(/^REPORT RequestId: .*\tMax Memory Used: 40 MB$/);
    expect(fakes.environments).toHaveLength(1);
  });

  it('discards an environment that died and starts a fresh one, cold again', async () => {
    const { service, fakes, logs } = serviceHarness();
    let calls = 0;
    fakes.handlers.set('fragile.handler', (_event, context) => {
      calls++;
      if (calls === 1) context.die('Sandbox.Timedout');
      return calls;
    });
    service.createFunction(functionConfig('fragile'));

    const died = await service.invoke('fragile', json({}));
    const next = await service.invoke('fragile', json({}));

    expect(died.functionError).toBe('Unhandled');
    expect(parse(died.payload)).toMatchObject({ errorType: 'Sandbox.Timedout' });
    expect(parse(next.payload)).toBe(2);
    expect(fakes.environments).toHaveLength(2);
    expect(fakes.environments[0]!.disposed || !fakes.environments[0]!.alive).toBe(true);
    expect(linesOf(logs, next.requestId).at(-1)).toContain('\tInit Duration: ');
  });

  it('answers a function error with Unhandled and the error JSON, and keeps the environment', async () => {
    const { service, fakes } = serviceHarness();
    fakes.handlers.set('boom.handler', () => {
      throw new TypeError('bad input');
    });
    service.createFunction(functionConfig('boom'));

    const result = await service.invoke('boom', json({}));
    await service.invoke('boom', json({}));

    expect(result.statusCode).toBe(200);
    expect(result.functionError).toBe('Unhandled');
    expect(parse(result.payload)).toMatchObject({ errorType: 'TypeError', errorMessage: 'bad input' });
    expect(fakes.environments).toHaveLength(1);
  });

  it('answers an init failure as a function error with the init error', async () => {
    const { service, fakes, logs } = serviceHarness();
    fakes.failingInit.set('missing.handler', 'Runtime.ImportModuleError');
    service.createFunction(functionConfig('missing'));

    const result = await service.invoke('missing', json({}));

    expect(result.functionError).toBe('Unhandled');
    expect(parse(result.payload)).toEqual({
      errorType: 'Runtime.ImportModuleError',
      errorMessage: 'Cannot load missing.handler',
    });
    expect(linesOf(logs, result.requestId).at(-1)).toContain('\tInit Duration: 5.00 ms');
  });

  it('returns the last 4 KB of the log, START to REPORT, for LogType Tail', async () => {
    const { service, fakes } = serviceHarness();
    fakes.handlers.set('chatty.handler', (_event, context) => {
      for (let i = 0; i < 200; i++) context.log(`line ${i} ${'x'.repeat(40)}`);
      return null;
    });
    fakes.handlers.set('quiet.handler', () => null);
    service.createFunction(functionConfig('chatty'));
    service.createFunction(functionConfig('quiet'));

    const chatty = await service.invoke('chatty', json({}), { logType: 'Tail' });
    const quiet = await service.invoke('quiet', json({}), { logType: 'Tail' });
    const none = await service.invoke('quiet', json({}));

    const chattyLog = Buffer.from(chatty.logResult!, 'base64');
    expect(chattyLog.length).toBe(4096);
    expect(chattyLog.toString()).toMatch(/line 199 x+\nEND RequestId: .*\nREPORT RequestId: .*\n$/);
    const quietLog = Buffer.from(quiet.logResult!, 'base64').toString();
    expect(quietLog).toMatch(/^START RequestId: .* Version: \$LATEST\nEND RequestId: .*\nREPORT RequestId: /);
    expect(none.logResult).toBeUndefined();
  });

  it('runs concurrent invocations in separate environments and reuses them warm', async () => {
    const { service, fakes } = serviceHarness();
    fakes.handlers.set('slow.handler', () => new Promise((resolve) => setTimeout(() => resolve('done'), 30)));
    service.createFunction(functionConfig('slow'));

    await Promise.all([
      service.invoke('slow', json({})),
      service.invoke('slow', json({})),
      service.invoke('slow', json({})),
    ]);
    await Promise.all([service.invoke('slow', json({})), service.invoke('slow', json({}))]);

    expect(fakes.environments).toHaveLength(3);
    expect(service.stats().functions.slow).toMatchObject({
      environments: 3,
      idleEnvironments: 3,
      busyEnvironments: 0,
    });
  });

  it('disposes environments idle for longer than idleTimeoutMs', async () => {
    const { service, fakes } = serviceHarness({ idleTimeoutMs: 60 });
    fakes.handlers.set('echo.handler', () => null);
    service.createFunction(functionConfig('echo'));

    await service.invoke('echo', json({}));
    await new Promise((resolve) => setTimeout(resolve, 250));

    expect(fakes.environments[0]!.disposed).toBe(true);
    expect(service.stats().environments).toBe(0);
  });

  it('finishes in-flight invocations on the old code after an update and runs new ones on the new code', async () => {
    const { service, fakes } = serviceHarness();
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    fakes.handlers.set('v1.handler', async () => {
      await held;
      return 'v1';
    });
    fakes.handlers.set('v2.handler', () => 'v2');
    service.createFunction(functionConfig('app', { handler: 'v1.handler' }));

    const inFlight = service.invoke('app', json({}));
    await new Promise((resolve) => setTimeout(resolve, 10));
    service.updateFunction(functionConfig('app', { handler: 'v2.handler' }));
    const after = await service.invoke('app', json({}));
    release();
    const before = await inFlight;

    expect(parse(before.payload)).toBe('v1');
    expect(parse(after.payload)).toBe('v2');
    expect(fakes.environments[0]!.disposed).toBe(true);
    expect(fakes.environments[1]!.disposed).toBe(false);
  });
});
