/**
 * OsmAnd trackers' HTTP client in a thread of its own: trackers are other machines, so their
 * requests should not spend the main thread the local cloud runs on (the bench process is both).
 * The parent sends `{ kind: 'get', devices: [{ id, urls }] }`: each device's URLs are requested in
 * order, one at a time, over that device's keep-alive connection (kept from one step to the next),
 * the devices at once. Each request is timed here, around the request alone. The worker answers
 * `progress` (every 250 responses, and the last), then `done` with every latency (ms, a
 * Float64Array in the order the responses came) and the step's elapsed time, or `failed` with a
 * message. `{ kind: 'end' }` closes the connections and answers `ended`.
 */
import { Agent, request } from 'node:http';
import { parentPort } from 'node:worker_threads';

const PROGRESS_EVERY = 250;
/** One keep-alive agent per device, so a tracker's connection survives from warm-up to samples. */
const agents = new Map();

function agentOf(id) {
  let agent = agents.get(id);
  if (!agent) {
    agent = new Agent({ keepAlive: true, maxSockets: 1 });
    agents.set(id, agent);
  }
  return agent;
}

/** One GET over `agent`; resolves with the status and body. */
function get(agent, url) {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    });
    req.setTimeout(60_000, () => req.destroy(new Error(`no answer from GET ${url.pathname} in 60 s`)));
    req.on('error', reject);
    req.end();
  });
}

/** The latency of one OsmAnd GET, which must answer 200. */
async function timedGet(agent, href) {
  const url = new URL(href);
  const started = performance.now();
  const { status, body } = await get(agent, url);
  const took = performance.now() - started;
  if (status !== 200) throw new Error(`GET /tracking/osmand answered ${status}: ${body.slice(0, 300)}`);
  return took;
}

async function run(devices) {
  const total = devices.reduce((sum, device) => sum + device.urls.length, 0);
  const latencies = new Float64Array(total);
  let done = 0;
  const started = performance.now();
  await Promise.all(
    devices.map(async ({ id, urls }) => {
      const agent = agentOf(id);
      for (const href of urls) {
        const took = await timedGet(agent, href);
        latencies[done] = took;
        done += 1;
        if (done % PROGRESS_EVERY === 0 || done === total) parentPort.postMessage({ kind: 'progress', done });
      }
    }),
  );
  return { kind: 'done', latencies, elapsedMs: performance.now() - started };
}

function end() {
  for (const agent of agents.values()) agent.destroy();
  agents.clear();
  return { kind: 'ended' };
}

parentPort.on('message', (message) => {
  const work = message.kind === 'get' ? run(message.devices) : Promise.resolve(end());
  work.then(
    // The latencies go back in one message, their buffer moved rather than copied.
    (answer) => parentPort.postMessage(answer, answer.latencies ? [answer.latencies.buffer] : []),
    (error) => parentPort.postMessage({ kind: 'failed', message: error.message }),
  );
});
