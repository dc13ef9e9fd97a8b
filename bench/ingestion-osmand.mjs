/**
 * The OsmAnd phase of the ingestion benchmark (bench/ingestion.mjs): `GET /tracking/osmand?id=&key=
 * &lat=&lon=&timestamp=…` over a keep-alive connection per device; one device warmed up, then
 * sampled sequentially (p50/p95/p99/max), then 8 devices warmed up and sent at once (requests/s).
 *
 * The requests are made and timed in a worker thread (bench/lib/osmand-client-worker.mjs), as
 * trackers are other machines and must not spend the main thread the local cloud runs on (its
 * gateway, edge, SQS and Lambda dispatch). The fixes are made here, so the tracks go on where the
 * earlier phases left them, and sent to the worker a step at a time; it sends the latencies back in
 * one message at the end of each step.
 */
import { Worker } from 'node:worker_threads';
import { ms } from './lib/format.mjs';
import { load, rate } from './lib/ingestion-format.mjs';
import { progress, say } from './lib/progress.mjs';
import { summarize } from './lib/stats.mjs';

const SUITE = 'ingestion';
/** Sizes: requests to warm up and to sample one device; devices at once, their warm-up and samples each. */
export const OSMAND = {
  warmup: 200,
  samples: Number(process.env.INGESTION_OSMAND_SAMPLES ?? 2_000),
  devices: 8,
  warmupPerDevice: 25,
  perDevice: 250,
};

/** Nearest-rank percentile, for the p95 `summarize` does not give. */
function percentile(samples, p) {
  const sorted = Float64Array.from(samples).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** The URLs of a device's next `count` fixes, as its OsmAnd client would send them. */
function osmandUrls(gatewayUrl, device, count) {
  return Array.from({ length: count }, () => {
    const fix = device.track.next();
    const query = new URLSearchParams({
      id: device.uniqueId,
      key: device.secret,
      lat: String(fix.lat),
      lon: String(fix.lon),
      timestamp: String(Math.round(fix.fixMs / 1000)),
      speed: (fix.speedKph / 1.852).toFixed(1),
      bearing: String(fix.course),
      altitude: '34',
      accuracy: '5',
      batt: '80',
    });
    return `${gatewayUrl}/tracking/osmand?${query}`;
  });
}

/** Starts the client thread; `get` sends each device `count` fixes and resolves with the worker's timings. */
function clientThread(gatewayUrl) {
  const worker = new Worker(new URL('./lib/osmand-client-worker.mjs', import.meta.url));
  const command = (message, onProgress = () => {}) =>
    new Promise((resolve, reject) => {
      const listen = (answer) => {
        if (answer.kind === 'progress') return onProgress(answer.done);
        stop();
        if (answer.kind === 'failed') reject(new Error(`OsmAnd client: ${answer.message}`));
        else resolve(answer);
      };
      const crashed = (error) => {
        stop();
        reject(new Error(`OsmAnd client thread: ${error.message}`, { cause: error }));
      };
      const stop = () => {
        worker.off('message', listen);
        worker.off('error', crashed);
      };
      worker.on('message', listen);
      worker.on('error', crashed);
      worker.postMessage(message);
    });
  return {
    get: (devices, count, onProgress) =>
      command(
        {
          kind: 'get',
          devices: devices.map((device) => ({
            id: device.uniqueId,
            urls: osmandUrls(gatewayUrl, device, count),
          })),
        },
        onProgress,
      ),
    async close() {
      await command({ kind: 'end' }).catch(() => {});
      await worker.terminate();
    },
  };
}

/**
 * Runs the phase. `context` gives the gateway's URL, the seeded fleet (with their tracks), the
 * invocation `snapshot` and `countStored` (the rows of `tracking.positions`). Resolves with
 * `{ sequential, concurrent, concurrentTotal }`.
 */
export async function measureOsmand(context) {
  const { gatewayUrl, fleet, snapshot, countStored } = context;
  // Trackers of the last gateway, not used over MQTT: their tracks go on where the batches left them.
  const one = fleet[fleet.length - 1];
  const devices = fleet.slice(fleet.length - 1 - OSMAND.devices, fleet.length - 1);
  say(
    SUITE,
    `osmand: warming up, ${OSMAND.warmup} sequential requests in the client's thread (load ${load()})`,
  );
  const client = clientThread(gatewayUrl);
  try {
    await client.get([one], OSMAND.warmup);
    const before = await countStored();
    let invocations = snapshot();
    const tick = progress(SUITE, 'osmand: sequential requests of one device', OSMAND.samples);
    const { latencies } = await client.get([one], OSMAND.samples, tick);
    const sequential = {
      stats: summarize(latencies),
      p95: percentile(latencies, 95),
      invocations: invocations.since(),
      load: load(),
    };
    say(
      SUITE,
      `osmand: p50 ${ms(sequential.stats.p50)}, p95 ${ms(sequential.p95)}, p99 ${ms(sequential.stats.p99)}, max ${ms(sequential.stats.max)} (load ${sequential.load})`,
    );

    say(SUITE, `osmand: warming up ${devices.length} devices at once`);
    await client.get(devices, OSMAND.warmupPerDevice);
    invocations = snapshot();
    const total = devices.length * OSMAND.perDevice;
    const concurrentTick = progress(SUITE, `osmand: ${devices.length} devices at once`, total);
    const step = await client.get(devices, OSMAND.perDevice, concurrentTick);
    const stored = (await countStored()) - before;
    const expected = OSMAND.samples + devices.length * (OSMAND.warmupPerDevice + OSMAND.perDevice);
    if (stored !== expected) throw new Error(`osmand: sent ${expected} positions, ${stored} stored`);
    const concurrent = {
      requestsPerSecond: total / (step.elapsedMs / 1000),
      stats: summarize(step.latencies),
      invocations: invocations.since(),
      load: load(),
    };
    say(
      SUITE,
      `osmand: ${devices.length} devices at once: ${rate(concurrent.requestsPerSecond)}, p50 ${ms(concurrent.stats.p50)}, p99 ${ms(concurrent.stats.p99)} (load ${concurrent.load})`,
    );
    return { sequential, concurrent, concurrentTotal: total };
  } finally {
    await client.close();
  }
}

/** The phase's rows of the summary: `{ metric, measured, target, verdict }`. */
export function osmandFigures({ sequential, concurrent }, targetP50Ms) {
  return [
    {
      metric: 'OsmAnd GET p50, one device',
      measured: ms(sequential.stats.p50),
      target: `≤ ${ms(targetP50Ms)}`,
      verdict:
        sequential.stats.p50 <= targetP50Ms ? 'within' : `over by ${ms(sequential.stats.p50 - targetP50Ms)}`,
    },
    {
      metric: 'OsmAnd GET p95 / p99 / max, one device',
      measured: `${ms(sequential.p95)} / ${ms(sequential.stats.p99)} / ${ms(sequential.stats.max)}`,
      target: '',
      verdict: '',
    },
    {
      metric: `OsmAnd requests/s, ${OSMAND.devices} devices at once (p50 / p99)`,
      measured: `${rate(concurrent.requestsPerSecond)} (${ms(concurrent.stats.p50)} / ${ms(concurrent.stats.p99)})`,
      target: '',
      verdict: '',
    },
  ];
}
