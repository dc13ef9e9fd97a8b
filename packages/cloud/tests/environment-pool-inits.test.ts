import { afterEach, describe, expect, it } from 'vitest';
import { type EnvironmentHandle, EnvironmentPool } from '../src/lambda/environment-pool.js';
import type { FunctionConfig } from '../src/lambda/types.js';

// Cold starts are admitted a few at a time: on one machine, parallel inits only slow each other
// down until they all miss Lambda's 10 s init limit.

function config(name: string): FunctionConfig {
  return {
    name,
    arn: `arn:aws:lambda:eu-west-1:123456789012:function:${name}`,
    handler: 'index.handler',
    runtime: 'nodejs22.x',
    codeDir: '/nowhere',
    timeoutSeconds: 3,
    memoryMb: 128,
    environment: {},
  };
}

/** Starts that finish only when the test says so, recording how many ran at once. */
function controlledStarts() {
  const pending: Array<() => void> = [];
  let running = 0;
  let most = 0;
  const start = async (): Promise<EnvironmentHandle> => {
    running += 1;
    most = Math.max(most, running);
    await new Promise<void>((resolve) => pending.push(resolve));
    running -= 1;
    return {
      initDurationMs: 1,
      alive: true,
      invoke: async () => ({ kind: 'success', payload: 'null', durationMs: 1, maxMemoryUsedMb: 1 }),
      dispose: async () => undefined,
    };
  };
  return {
    start,
    finishOne: () => pending.shift()?.(),
    running: () => running,
    most: () => most,
  };
}

let pool: EnvironmentPool | undefined;
afterEach(async () => {
  await pool?.close();
});

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('cold start admission', () => {
  it('runs at most maxConcurrentInits init phases at once; the others wait their turn', async () => {
    const starts = controlledStarts();
    pool = new EnvironmentPool({
      startEnvironment: starts.start,
      runtimeEnv: () => ({}),
      logSink: () => undefined,
      idleTimeoutMs: 60_000,
      maxConcurrentInits: 2,
    });
    for (const name of ['a', 'b', 'c', 'd']) pool.setFunction(config(name));
    const acquired = ['a', 'b', 'c', 'd'].map((name) => pool?.acquire(name));
    await tick();
    expect(starts.running()).toBe(2);
    starts.finishOne();
    await tick();
    await tick();
    expect(starts.running()).toBe(2);
    for (let finished = 1; finished < 4; finished += 1) {
      starts.finishOne();
      await tick();
      await tick();
    }
    const environments = await Promise.all(acquired);
    expect(environments.map((environment) => environment?.functionName)).toEqual(['a', 'b', 'c', 'd']);
    expect(starts.most()).toBe(2);
  });

  it('gives a waiting request an environment of its function that came free, without a cold start', async () => {
    const starts = controlledStarts();
    pool = new EnvironmentPool({
      startEnvironment: starts.start,
      runtimeEnv: () => ({}),
      logSink: () => undefined,
      idleTimeoutMs: 60_000,
      maxConcurrentInits: 1,
    });
    pool.setFunction(config('a'));
    pool.setFunction(config('b'));
    const first = pool.acquire('a');
    await tick();
    starts.finishOne();
    const warm = await first;
    const slowStart = pool.acquire('b'); // takes the only init slot
    await tick();
    const waiting = pool.acquire('a'); // no idle 'a', no init slot: waits
    await tick();
    pool.release(warm);
    expect(await waiting).toBe(warm);
    starts.finishOne();
    await slowStart;
  });
});
