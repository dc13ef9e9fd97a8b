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

/** A fresh environment still works after another one died: the host process was not touched. */
async function expectHostHealthy(): Promise<void> {
  const { env } = await startEnvironment('async-handlers.echo');
  expect(resultOf(await env.invoke(request({ after: 'crash' })))).toMatchObject({
    event: { after: 'crash' },
  });
}

describe('ExecutionEnvironment: timeouts', () => {
  it('terminates a handler stuck in while (true) at the deadline with Sandbox.Timedout', async () => {
    const { env, logs } = await startEnvironment('async-handlers.spins');
    const invocation = request({}, {}, 300);

    const outcome = await env.invoke(invocation);

    expect(errorOf(outcome)).toEqual({
      errorType: 'Sandbox.Timedout',
      errorMessage: expect.stringMatching(
        new RegExp(`^RequestId: ${invocation.requestId} Error: Task timed out after 0\\.[23]\\d seconds$`),
      ),
      environmentDied: true,
    });
    expect(outcome.durationMs).toBeGreaterThanOrEqual(290);
    expect(outcome.durationMs).toBeLessThan(1_000);
    expect(linesOf(logs).at(-1)).toMatch(
      new RegExp(`^\\S+Z ${invocation.requestId} Task timed out after 0\\.\\d\\d seconds$`),
    );
    expect(env.alive).toBe(false);
    await expectHostHealthy();
  });

  it('states how long the invocation ran before it timed out', async () => {
    const { env } = await startEnvironment('async-handlers.spins');

    const error = errorOf(await env.invoke(request({}, {}, 1_000)));

    expect(error.errorMessage).toMatch(/ Task timed out after 1\.0\d seconds$/);
  });
});

describe('ExecutionEnvironment: crashes', () => {
  it('reports process.exit(n) as Runtime.ExitError with the exit status, and the host survives', async () => {
    const { env, logs } = await startEnvironment('async-handlers.exits');
    const invocation = request({ code: 3 });

    const error = errorOf(await env.invoke(invocation));

    expect(error).toEqual({
      errorType: 'Runtime.ExitError',
      errorMessage: `RequestId: ${invocation.requestId} Error: Runtime exited with error: exit status 3`,
      environmentDied: true,
    });
    expect(linesOf(logs)).toContain(
      `RequestId: ${invocation.requestId} Error: Runtime exited with error: exit status 3\nRuntime.ExitError`,
    );
    expect(env.alive).toBe(false);
    expect(() => env.invoke(request({}))).toThrow(/is gone/);
    await expectHostHealthy();
  });

  it('fails the invocation with an uncaught exception thrown outside it, and the environment dies', async () => {
    const { env, logs } = await startEnvironment('async-handlers.throwsLater');
    const invocation = request({});

    const error = errorOf(await env.invoke(invocation));

    expect(error).toMatchObject({
      errorType: 'TypeError',
      errorMessage: 'thrown from a timer',
      environmentDied: true,
    });
    const lines = linesOf(logs);
    expect(lines[0]).toMatch(
      /\tERROR\tUncaught Exception \t\{"errorType":"TypeError","errorMessage":"thrown from a timer"/,
    );
    expect(lines).toContain(
      `RequestId: ${invocation.requestId} Error: Runtime exited with error: exit status 129\nRuntime.ExitError`,
    );
    await expectHostHealthy();
  });

  it('fails the invocation with Runtime.UnhandledPromiseRejection, and the environment dies', async () => {
    const { env, logs } = await startEnvironment('async-handlers.rejectsUnhandled');

    const error = errorOf(await env.invoke(request({})));

    expect(error).toMatchObject({
      errorType: 'Runtime.UnhandledPromiseRejection',
      errorMessage: 'Error: nobody handles me',
      environmentDied: true,
    });
    expect(error.trace?.[0]).toBe('Runtime.UnhandledPromiseRejection: Error: nobody handles me');
    expect(linesOf(logs)[0]).toMatch(
      /\tERROR\tUnhandled Promise Rejection \t\{"errorType":"Runtime.UnhandledPromiseRejection"/,
    );
    expect(env.alive).toBe(false);
    await expectHostHealthy();
  });
  it('dies when the function throws between invocations, without touching the host', async () => {
    const { env, logs } = await startEnvironment('callback-handlers.throwsAfterReturning');

    expect(resultOf(await env.invoke(request({})))).toBe('returned');
    await new Promise((resolve) => setTimeout(resolve, 200));

    expect(env.alive).toBe(false);
    expect(linesOf(logs).join('\n')).toMatch(
      /\tERROR\tUncaught Exception \t\{"errorType":"Error","errorMessage":"thrown between invocations"/,
    );
    await expectHostHealthy();
  });
});

describe('ExecutionEnvironment: memory', () => {
  it('kills only the environment that runs out of memory, with Runtime.OutOfMemory', async () => {
    const { env, logs } = await startEnvironment('async-handlers.hogsMemory', {
      memoryMb: 128,
      timeoutSeconds: 10,
    });
    const invocation = request({}, {}, 10_000);

    const outcome = await env.invoke(invocation);

    expect(errorOf(outcome)).toEqual({
      errorType: 'Runtime.OutOfMemory',
      errorMessage: `RequestId: ${invocation.requestId} Error: Runtime exited with error: signal: killed`,
      environmentDied: true,
    });
    expect(outcome.maxMemoryUsedMb).toBe(128);
    expect(linesOf(logs)).toContain(
      `RequestId: ${invocation.requestId} Error: Runtime exited with error: signal: killed\nRuntime.OutOfMemory`,
    );
    await expectHostHealthy();
  });

  it('reports the memory an invocation used, as a high-water mark', async () => {
    // Generous limits: on a loaded machine filling 64 MB can take longer than the
    // harness's one-second default, and a timeout would end the environment.
    const { env } = await startEnvironment('async-handlers.allocates', { memoryMb: 512, timeoutSeconds: 30 });

    const small = await env.invoke(request({ mb: 1 }, {}, 30_000));
    const large = await env.invoke(request({ mb: 64 }, {}, 30_000));
    const smallAgain = await env.invoke(request({ mb: 1 }, {}, 30_000));

    expect(small.maxMemoryUsedMb).toBeLessThan(60);
    expect(large.maxMemoryUsedMb).toBeGreaterThanOrEqual(small.maxMemoryUsedMb + 64);
    // Max Memory Used never goes down within an environment, as on AWS.
    expect(smallAgain.maxMemoryUsedMb).toBeGreaterThanOrEqual(large.maxMemoryUsedMb);
  });
});

describe('ExecutionEnvironment: dispose', () => {
  it('ends a running invocation with Runtime.ExitError and stops the worker', async () => {
    const { env } = await startEnvironment('async-handlers.spins');
    const invocation = request({}, {}, 5_000);
    const pending = env.invoke(invocation);

    await env.dispose();

    expect(errorOf(await pending)).toMatchObject({
      errorType: 'Runtime.ExitError',
      errorMessage: `RequestId: ${invocation.requestId} Error: Runtime exited without providing a reason`,
      environmentDied: true,
    });
    expect(env.alive).toBe(false);
  });
});
