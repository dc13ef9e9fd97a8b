import { setTimeout as sleep } from 'node:timers/promises';
import { expectOk, keepAliveAgent, lambdaInvoker } from '../lib/http-invoker.mjs';
import { progress } from '../lib/progress.mjs';
import { summarize } from '../lib/stats.mjs';

const INIT_DURATION = /Init Duration: ([\d.]+) ms/;

/**
 * The first invoke of each of `functionNames` — deployed functions that have never run, so no
 * environment exists and the invoke starts one (a worker thread that loads the handler). Timed by
 * the client over a warm keep-alive connection; the REPORT line (LogType Tail) gives Init Duration.
 */
export async function measureColdStarts({ suite, edgeUrl, functionNames, pauseMs = 50 }) {
  const agent = keepAliveAgent(1);
  const firstInvoke = [];
  const initDuration = [];
  const report = progress(suite, 'cold start (first invoke of a fresh function)', functionNames.length);
  try {
    for (const functionName of functionNames) {
      // Settle first, so the previous environment's start-up work does not overlap this one.
      await sleep(pauseMs);
      const invoke = lambdaInvoker({ baseUrl: edgeUrl, functionName, agent, logType: 'Tail' });
      const started = performance.now();
      const response = await invoke();
      firstInvoke.push(performance.now() - started);
      expectOk(response, functionName);
      const log = Buffer.from(String(response.headers['x-amz-log-result'] ?? ''), 'base64').toString();
      const init = INIT_DURATION.exec(log);
      if (!init) throw new Error(`the first invoke of ${functionName} reported no Init Duration:\n${log}`);
      initDuration.push(Number(init[1]));
      report(firstInvoke.length);
    }
  } finally {
    agent.destroy();
  }
  return { firstInvoke: summarize(firstInvoke), initDuration: summarize(initDuration) };
}
