import { getPriority } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { FUNCTION_THREAD_NICE_STEP } from '../src/lambda/worker/thread-priority.js';
import { disposeAll, request, resultOf, startEnvironment } from './fixtures/handlers/environment-harness.js';

afterEach(disposeAll);

describe.runIf(process.platform === 'linux')('ExecutionEnvironment: thread priority (Linux)', () => {
  it('runs the function a little below the local cloud’s own thread, which keeps its priority', async () => {
    const before = getPriority();
    const { env } = await startEnvironment('async-handlers.priority');

    const outcome = await env.invoke(request({}));

    expect(resultOf(outcome)).toEqual({ nice: Math.min(19, before + FUNCTION_THREAD_NICE_STEP) });
    expect(getPriority()).toBe(before);
  });
});
