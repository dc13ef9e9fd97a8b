import { setTimeout as sleep } from 'node:timers/promises';
import { expectOk, keepAliveAgent, lambdaInvoker } from '../lib/http-invoker.mjs';
import { say } from '../lib/progress.mjs';
import { median } from '../lib/stats.mjs';

/**
 * The process's resident memory once it has settled: waits `settleMs`, then takes `readings`
 * VmRSS readings `intervalMs` apart and keeps the median (one reading can catch a GC mid-way).
 */
export async function settledMemory(process, { settleMs = 1_000, readings = 5, intervalMs = 200 } = {}) {
  await sleep(settleMs);
  const rss = [];
  let peakRssMb = 0;
  for (let i = 0; i < readings; i++) {
    if (i > 0) await sleep(intervalMs);
    const memory = process.memory();
    rss.push(memory.rssMb);
    peakRssMb = memory.peakRssMb;
  }
  return { rssMb: median(rss), peakRssMb };
}

/**
 * Makes `count` environments of one function exist: `count` concurrent invokes that each wait
 * `waitMs`, so none can reuse another's environment. Checks that every one of them was a cold
 * start (its REPORT has Init Duration), i.e. that `count` environments were really created.
 */
export async function warmEnvironments({ suite, edgeUrl, functionName, count, waitMs }) {
  const agent = keepAliveAgent(count);
  try {
    const invoke = lambdaInvoker({ baseUrl: edgeUrl, functionName, agent, logType: 'Tail' });
    say(suite, `${count} concurrent invokes of ${functionName} that wait ${waitMs} ms`);
    const responses = await Promise.all(
      Array.from({ length: count }, () => invoke(JSON.stringify({ waitMs }))),
    );
    let cold = 0;
    for (const response of responses) {
      expectOk(response, functionName);
      const log = Buffer.from(String(response.headers['x-amz-log-result'] ?? ''), 'base64').toString();
      if (log.includes('Init Duration:')) cold++;
    }
    if (cold !== count) throw new Error(`expected ${count} new environments, ${cold} invokes were cold`);
    say(suite, `${cold}/${count} invokes were cold starts: ${count} warm environments exist`);
  } finally {
    agent.destroy();
  }
}
