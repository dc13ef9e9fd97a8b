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

describe('ExecutionEnvironment: callbackWaitsForEmptyEventLoop', () => {
  it("waits for the handler's timer before completing a callback invocation (the default)", async () => {
    const { env, logs } = await startEnvironment('callback-handlers.pendingTimer');

    const outcome = await env.invoke(request({ ms: 200 }));

    expect(resultOf(outcome)).toBe('with timer');
    expect(outcome.durationMs).toBeGreaterThanOrEqual(190);
    // The timer ran before the invocation completed, so its line belongs to this invocation.
    expect(linesOf(logs)).toEqual([expect.stringMatching(/\tINFO\ttimer done$/)]);
  });

  it('completes at once when the handler sets the flag to false, leaving the timer for later', async () => {
    const { env, logs } = await startEnvironment('callback-handlers.pendingTimerNoWait');

    const outcome = await env.invoke(request({ ms: 200 }));

    expect(resultOf(outcome)).toBe('without waiting');
    expect(outcome.durationMs).toBeLessThan(150);
    expect(linesOf(logs)).toEqual([]);
    // Unlike AWS, which freezes the sandbox between invocations, the timer still fires meanwhile.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(linesOf(logs)).toEqual([expect.stringMatching(/\tINFO\ttimer done$/)]);
    expect(env.alive).toBe(true);
  });

  it('does not delay an async handler, as on AWS', async () => {
    const { env } = await startEnvironment('callback-handlers.asyncIgnoresFlag');

    const outcome = await env.invoke(request({}));

    expect(resultOf(outcome)).toBe('async returns at once');
    expect(outcome.durationMs).toBeLessThan(150);
  });

  it('times out while a leaked interval keeps the loop busy, and says which handle and how to fix it', async () => {
    const { env, logs } = await startEnvironment('callback-handlers.leaksInterval');
    const invocation = request({}, {}, 500);

    const error = errorOf(await env.invoke(invocation));

    expect(error).toMatchObject({ errorType: 'Sandbox.Timedout', environmentDied: true });
    const lines = linesOf(logs);
    const hint = lines.find((line) => line.includes('callbackWaitsForEmptyEventLoop'));
    expect(hint).toMatch(new RegExp(`\\t${invocation.requestId}\\tWARN\\t`));
    expect(hint).toContain('1 × Timeout (timer (setTimeout/setInterval))');
    expect(hint).toContain('clear the timer before calling the callback');
    expect(hint).toContain('context.callbackWaitsForEmptyEventLoop = false');
    expect(lines.at(-1)).toMatch(/ Task timed out after 0\.\d\d seconds$/);
  });

  it('names open sockets the same way', async () => {
    const { env, logs } = await startEnvironment('callback-handlers.leaksSocket');

    const error = errorOf(await env.invoke(request({}, {}, 500)));

    expect(error.errorType).toBe('Sandbox.Timedout');
    const hint = linesOf(logs).find((line) => line.includes('callbackWaitsForEmptyEventLoop')) ?? '';
    expect(hint).toContain('TCPServerWrap');
    expect(hint).toMatch(/2 × TCPSocketWrap \(TCP socket/);
    expect(hint).toContain('Close the connection');
  });
});
