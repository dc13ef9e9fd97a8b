/**
 * Position ingestion benchmark, on the local cloud with the real fleet stacks (event-bus, users,
 * clients, devices, tracking) and the machine's PostgreSQL (TEST_DATABASE_URL, a fresh database
 * per run, dropped at the end):
 *
 *  1. batch: `POST /tracking/positions` with an API key (`positions:write`), 1,000 positions a
 *     request from gateways of 25 trackers each, 1, 4 and 8 requests in flight; positions/s from
 *     the first send to the last 202, checked against the rows `tracking.positions` gained;
 *  2. MQTT: 50 devices (INGESTION_MQTT_DEVICES) connected with the `mqtt` client (client id = username = device id,
 *     password = its secret) publish QoS 1 to `fleet/<deviceId>/position` as fast as the broker
 *     acknowledges (the topic rule queues each on MqttPositions, IngestMqtt drains it in batches);
 *     the devices' clients run in a worker thread (bench/lib/mqtt-devices-worker.mjs), as trackers
 *     are other machines and must not spend the main thread the local cloud runs on;
 *     positions/s from the first publish until the table holds them all;
 *  3. OsmAnd (bench/ingestion-osmand.mjs): `GET /tracking/osmand?id=&key=&lat=&lon=&timestamp=…`,
 *     one device sequentially (p50/p95/p99/max), then 8 devices at once (requests/s); the HTTP
 *     client runs and times the requests in a worker thread (bench/lib/osmand-client-worker.mjs),
 *     for the same reason.
 *
 *   npm run build && node bench/ingestion.mjs      (or: node bench/run.js ingestion)
 *
 * The tracks are realistic: each vehicle drives around Berlin at 20–50 km/h with a fix every 5 s
 * and stops for four minutes every ten, so the motion detector announces vehicleMoving and
 * vehicleStopped as it would in service. Every fix time is distinct per device (none is a
 * duplicate) and lies in the last twelve hours. The local cloud runs in this process; each phase
 * also reports the Lambda invocations it caused (the environment's metrics recorder), by function.
 * Sizes can be changed with INGESTION_BATCH_REQUESTS, INGESTION_MQTT_MESSAGES,
 * INGESTION_MQTT_DEVICES (at most 175: the last gateway's trackers are OsmAnd's) and
 * INGESTION_OSMAND_SAMPLES.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import { LocalCloud, loadProjectConfig } from '../packages/cloud/dist/index.js';
import { measureOsmand, OSMAND, osmandFigures } from './ingestion-osmand.mjs';
import { trackDirectory } from './lib/cleanup.mjs';
import { ms, table } from './lib/format.mjs';
import { progress, say } from './lib/progress.mjs';
import { runIfMain } from './lib/standalone.mjs';

const SUITE = 'ingestion';
const ENV = 'bench';
const ACCOUNT_ID = '000000000000';
const DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const size = (name, fallback) => Number(process.env[name] ?? fallback);
// 200 trackers in 8 gateways of 25: a request carries 40 fixes of each tracker of one gateway.
const FLEET = { gateways: 8, perGateway: 25 };
const BATCH = {
  positions: 1_000,
  inFlight: [1, 4, 8],
  requests: size('INGESTION_BATCH_REQUESTS', 24),
  warmup: 16,
};
const MQTT = {
  devices: size('INGESTION_MQTT_DEVICES', 50),
  messages: size('INGESTION_MQTT_MESSAGES', 20_000),
  warmupPerDevice: 10,
};
const TARGET = { batchPerSecond: 5_000, mqttPerSecond: 2_000, osmandP50Ms: 5 };
const FIX_INTERVAL_MS = 5_000;

function writeConfig(dir) {
  const template = (service) =>
    fileURLToPath(new URL(`../services/${service}/template.yaml`, import.meta.url));
  const file = join(dir, 'motorcade.config.json');
  writeFileSync(
    file,
    JSON.stringify({
      services: {
        'event-bus': {
          template: template('event-bus'),
          parameters: { OpsTokenSecret: 'bench-ops-token-not-a-secret' },
        },
        users: {
          template: template('users'),
          parameters: { JwtSecret: 'bench-jwt-secret-not-a-secret-0123456789' },
        },
        clients: { template: template('clients') },
        devices: { template: template('devices') },
        tracking: { template: template('tracking') },
      },
      parameters: {
        EventBusStackName: `${ENV}-event-bus`,
        UsersStackName: `${ENV}-users`,
        ClientsStackName: `${ENV}-clients`,
        DevicesStackName: `${ENV}-devices`,
      },
      environments: { [ENV]: { account: ACCOUNT_ID, region: 'eu-west-1', concurrency: 1000 } },
    }),
  );
  return file;
}

/** A database of its own, as test/support/fresh-database.ts makes one. */
async function createDatabase() {
  const name = `motorcade_bench_ingestion_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: DATABASE_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}

const now = () => performance.now();
const sleep = (msec) => new Promise((resolve) => setTimeout(resolve, msec));
const load = () =>
  loadavg()
    .map((value) => value.toFixed(1))
    .join(' ');
const perSecond = (count, msec) => count / (msec / 1000);
const rate = (value) => `${Math.round(value).toLocaleString('en')}/s`;

/**
 * A vehicle driving around Berlin: 20–50 km/h, a gentle turn at each fix, and a four-minute stop
 * every ten minutes (phase-shifted per vehicle). `next()` gives the following fix, 5 s later.
 */
function track(index, startMs) {
  let random = 0x9e3779b9 ^ (index * 2654435761);
  const next = () => {
    random = (random * 1664525 + 1013904223) >>> 0;
    return random / 2 ** 32;
  };
  let lat = 52.52 + (next() - 0.5) * 0.2;
  let lon = 13.405 + (next() - 0.5) * 0.3;
  let course = next() * 360;
  let fixMs = startMs;
  const cycleMs = 840_000;
  const offset = Math.floor(next() * cycleMs);
  return {
    next() {
      fixMs += FIX_INTERVAL_MS;
      const moving = (fixMs + offset) % cycleMs < 600_000;
      const speedKph = moving ? 20 + next() * 30 : 0;
      course = (course + (next() - 0.5) * 30 + 360) % 360;
      const metres = (speedKph / 3.6) * (FIX_INTERVAL_MS / 1000);
      const radians = (course * Math.PI) / 180;
      lat += (metres * Math.cos(radians)) / 111_320;
      lon += (metres * Math.sin(radians)) / (111_320 * Math.cos((lat * Math.PI) / 180));
      // Drift back towards the centre rather than out of the city.
      if (Math.abs(lat - 52.52) > 0.15 || Math.abs(lon - 13.405) > 0.25) course = (course + 180) % 360;
      const round = (value, digits) => Number(value.toFixed(digits));
      return {
        lat: round(lat, 6),
        lon: round(lon, 6),
        fixMs,
        speedKph: round(speedKph, 1),
        course: round(course, 1),
      };
    },
  };
}

/** Sums the environment's metric buckets: invocations, errors, throttles and durations by function. */
function invocationTotals(metrics) {
  const totals = new Map();
  for (const bucket of metrics.series(0)) {
    for (const [name, count] of Object.entries(bucket.invocations)) {
      const entry = totals.get(name) ?? { invocations: 0, errors: 0, throttles: 0, durationMs: 0 };
      entry.invocations += count;
      entry.errors += bucket.errors[name] ?? 0;
      entry.durationMs += bucket.durationMs[name]?.sum ?? 0;
      totals.set(name, entry);
    }
    for (const [name, count] of Object.entries(bucket.throttles)) {
      const entry = totals.get(name) ?? { invocations: 0, errors: 0, throttles: 0, durationMs: 0 };
      entry.throttles += count;
      totals.set(name, entry);
    }
  }
  return totals;
}

/** The invocations a phase caused, by `<service>.<LogicalId>`, most first. */
function invocationsBetween(before, after, nameOf) {
  const rows = [];
  for (const [name, entry] of after) {
    const earlier = before.get(name) ?? { invocations: 0, errors: 0, throttles: 0, durationMs: 0 };
    const invocations = entry.invocations - earlier.invocations;
    const throttles = entry.throttles - earlier.throttles;
    if (invocations === 0 && throttles === 0) continue;
    rows.push({
      name: nameOf(name),
      invocations,
      errors: entry.errors - earlier.errors,
      throttles,
      meanMs: invocations > 0 ? (entry.durationMs - earlier.durationMs) / invocations : Number.NaN,
      busyMs: entry.durationMs - earlier.durationMs,
    });
  }
  return rows.sort((a, b) => b.invocations - a.invocations);
}

function invocationTable(title, rows, positions) {
  return table(
    [title, 'invocations', 'per 1,000 positions', 'mean duration', 'total busy', 'errors', 'throttles'],
    rows.map((row) => [
      row.name,
      row.invocations.toLocaleString('en'),
      ((row.invocations / positions) * 1000).toFixed(1),
      ms(row.meanMs),
      `${(row.busyMs / 1000).toFixed(1)} s`,
      row.errors,
      row.throttles,
    ]),
    'lrrrrrr',
  );
}

/** One HTTP request over a keep-alive agent; resolves with status and body. */
function send(agent, url, { method = 'GET', headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : Buffer.from(body);
    const req = request(
      url,
      {
        method,
        agent,
        headers: payload ? { ...headers, 'content-length': payload.length } : headers,
      },
      (res) => {
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      },
    );
    req.setTimeout(60_000, () => req.destroy(new Error(`no answer from ${method} ${url.pathname} in 60 s`)));
    req.on('error', reject);
    req.end(payload);
  });
}

async function seed(cloud, stacks) {
  const lambda = cloud.environment(ENV).lambda;
  const call = async (service, payload) => {
    const name = stacks.find((stack) => stack.service === service)?.resources.SeedDemo?.physicalId;
    if (!name) throw new Error(`the ${service} stack has no SeedDemo`);
    const result = await lambda.invoke(name, Buffer.from(JSON.stringify(payload)));
    const body = JSON.parse(result.payload.toString('utf8') || 'null');
    if (result.functionError) throw new Error(`${service} SeedDemo failed: ${JSON.stringify(body)}`);
    return body;
  };
  const users = await call('users', { organisation: 'bench', drivers: 1 });
  const orgId = users.organisation.id;
  const { key } = await call('clients', { orgId, scopes: ['positions:write'] });
  const devices = [];
  const total = FLEET.gateways * FLEET.perGateway;
  // SeedDemo takes at most 50 vehicles a call.
  for (let first = 0; first < total; first += 50) {
    const vehicleIds = Array.from(
      { length: Math.min(50, total - first) },
      (_, i) => `bench-van-${first + i + 1}`,
    );
    const seeded = await call('devices', { orgId, vehicleIds });
    devices.push(...seeded.devices);
  }
  if (devices.some((device) => !device.secret)) throw new Error('a seeded device came without its secret');
  return { orgId, key, devices };
}

/** The stored positions (all devices). */
async function storedCount(db) {
  const { rows } = await db.query('SELECT count(*)::int AS n FROM tracking.positions');
  return rows[0].n;
}

/** Polls the table until it holds `expected` rows; resolves with the time it reached them. */
async function waitForRows(db, expected, timeoutMs, what) {
  const deadline = now() + timeoutMs;
  let count = 0;
  while (now() < deadline) {
    count = await storedCount(db);
    if (count >= expected) return now();
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}: ${count} of ${expected} rows`);
}

// --- 1. batch

function batchSender({ gatewayUrl, key, fleet, agent }) {
  let sent = 0;
  /** The next request of gateway `g`: 40 consecutive fixes of each of its trackers, by time. */
  const body = (g) => {
    const trackers = fleet.slice(g * FLEET.perGateway, (g + 1) * FLEET.perGateway);
    const steps = BATCH.positions / trackers.length;
    const positions = [];
    for (let step = 0; step < steps; step++)
      for (const tracker of trackers) {
        const fix = tracker.track.next();
        positions.push({
          deviceId: tracker.uniqueId,
          fixTime: new Date(fix.fixMs).toISOString(),
          latitude: fix.lat,
          longitude: fix.lon,
          speedKph: fix.speedKph,
          course: fix.course,
          accuracy: 5,
          battery: 80,
        });
      }
    return JSON.stringify({ positions });
  };
  const url = new URL(`${gatewayUrl}/tracking/positions`);
  /** Sends `requests` batches, `inFlight` at a time; resolves with the elapsed time and positions accepted. */
  return async (requests, inFlight, label) => {
    const bodies = Array.from({ length: requests }, () => body(sent++ % FLEET.gateways));
    const tick = label ? progress(SUITE, label, requests) : () => {};
    let next = 0;
    let done = 0;
    let accepted = 0;
    const started = now();
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        while (next < bodies.length) {
          const payload = bodies[next++];
          const response = await send(agent, url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-api-key': key },
            body: payload,
          });
          if (response.status !== 202)
            throw new Error(
              `POST /tracking/positions answered ${response.status}: ${response.body.slice(0, 300)}`,
            );
          const answer = JSON.parse(response.body);
          if (answer.duplicates !== 0) throw new Error(`a batch had ${answer.duplicates} duplicates`);
          accepted += answer.accepted;
          tick(++done);
        }
      }),
    );
    return { elapsedMs: now() - started, accepted };
  };
}

async function measureBatch(context) {
  const { db, sendBatches, snapshot } = context;
  say(SUITE, `batch: warming up, ${BATCH.warmup} requests, 8 in flight (load ${load()})`);
  await sendBatches(BATCH.warmup, 8);
  const results = [];
  for (const inFlight of BATCH.inFlight) {
    const before = await storedCount(db);
    const invocations = snapshot();
    const { elapsedMs, accepted } = await sendBatches(
      BATCH.requests,
      inFlight,
      `batch, ${inFlight} in flight: requests of ${BATCH.positions} positions`,
    );
    const stored = (await storedCount(db)) - before;
    const positions = BATCH.requests * BATCH.positions;
    if (stored !== positions || accepted !== positions)
      throw new Error(
        `batch, ${inFlight} in flight: sent ${positions}, accepted ${accepted}, stored ${stored}`,
      );
    const result = {
      inFlight,
      positions,
      elapsedMs,
      storedPerSecond: perSecond(stored, elapsedMs),
      requestMs: elapsedMs / (BATCH.requests / inFlight),
      invocations: invocations.since(),
      load: load(),
    };
    say(
      SUITE,
      `batch, ${inFlight} in flight: ${stored} stored in ${(elapsedMs / 1000).toFixed(2)} s = ${rate(result.storedPerSecond)} (load ${result.load})`,
    );
    results.push(result);
  }
  return results;
}

// --- 2. MQTT

async function measureMqtt(context) {
  const { db, broker, fleet, snapshot } = context;
  const devices = fleet.slice(0, MQTT.devices);
  say(SUITE, `mqtt: connecting ${devices.length} devices to ${broker} in their own thread (load ${load()})`);
  const worker = new Worker(new URL('./lib/mqtt-devices-worker.mjs', import.meta.url), {
    workerData: { broker, devices: devices.map(({ deviceId, secret }) => ({ deviceId, secret })) },
  });
  /** Sends one command to the devices' thread; resolves with its answer, reporting progress meanwhile. */
  const command = (message, onProgress = () => {}) =>
    new Promise((resolve, reject) => {
      const listen = (answer) => {
        if (answer.kind === 'progress') return onProgress(answer.acknowledged);
        worker.off('message', listen);
        if (answer.kind === 'failed') reject(new Error(`MQTT devices: ${answer.message}`));
        else resolve(answer);
      };
      worker.on('message', listen);
      worker.postMessage(message);
    });
  // The fixes are made here, so the tracks go on where the earlier phases left them.
  const payloads = (perDevice) =>
    devices.map((device) =>
      Array.from({ length: perDevice }, () => {
        const fix = device.track.next();
        return JSON.stringify({
          lat: fix.lat,
          lon: fix.lon,
          fixTime: new Date(fix.fixMs).toISOString(),
          speedKph: fix.speedKph,
          heading: fix.course,
          accuracy: 5,
          battery: 80,
        });
      }),
    );
  try {
    await command({ kind: 'connect' });
    const warmup = devices.length * MQTT.warmupPerDevice;
    say(SUITE, `mqtt: warming up, ${warmup} messages`);
    const beforeWarmup = await storedCount(db);
    await command({ kind: 'publish', payloads: payloads(MQTT.warmupPerDevice) });
    await waitForRows(db, beforeWarmup + warmup, 120_000, 'the MQTT warm-up to be stored');

    const perDevice = Math.ceil(MQTT.messages / devices.length);
    const total = perDevice * devices.length;
    const messages = payloads(perDevice);
    const before = await storedCount(db);
    const invocations = snapshot();
    const tick = progress(SUITE, `mqtt: QoS 1 publishes acknowledged (${devices.length} devices)`, total);
    const started = now();
    const stored = waitForRows(db, before + total, 600_000, 'the MQTT positions to be stored');
    await command({ kind: 'publish', payloads: messages }, tick);
    const ackedAt = now();
    say(
      SUITE,
      `mqtt: all ${total} acknowledged in ${((ackedAt - started) / 1000).toFixed(2)} s; waiting for the table`,
    );
    const storedAt = await stored;
    const result = {
      positions: total,
      ackedPerSecond: perSecond(total, ackedAt - started),
      storedPerSecond: perSecond(total, storedAt - started),
      elapsedMs: storedAt - started,
      tailMs: Math.max(0, storedAt - ackedAt),
      invocations: invocations.since(),
      load: load(),
    };
    say(
      SUITE,
      `mqtt: ${total} stored in ${(result.elapsedMs / 1000).toFixed(2)} s = ${rate(result.storedPerSecond)}, tail after the last ack ${ms(result.tailMs)} (load ${result.load})`,
    );
    return result;
  } finally {
    await command({ kind: 'end' }).catch(() => {});
    await worker.terminate();
  }
}

/** Runs the ingestion benchmark and returns its figures as `{ metric, measured, target, verdict }` rows. */
export async function runIngestionSuite() {
  const dir = trackDirectory(mkdtempSync(join(tmpdir(), 'motorcade-bench-ingestion-')));
  const configFile = writeConfig(dir);
  const database = await createDatabase();
  say(SUITE, `deploying event-bus, users, clients, devices and tracking (load ${load()})`);
  // The functions' last log lines, shown if the run fails.
  const logs = [];
  const deployStarted = now();
  const cloud = await LocalCloud.start({
    environments: [
      {
        name: ENV,
        accountId: ACCOUNT_ID,
        region: 'eu-west-1',
        concurrency: 1000,
        stateDir: join(dir, 'state'),
      },
    ],
    logSink: (entry) => {
      logs.push(`${entry.functionName} | ${entry.line}`);
      if (logs.length > 400) logs.splice(0, 200);
    },
    gatewayPort: 0,
    customResourceTimeoutSeconds: 120,
    mqtt: { port: 0, authorizer: 'devices.MqttAuthorizer' },
  });
  const db = new pg.Pool({ connectionString: database.url, max: 2 });
  try {
    cloud.setDefaultParameters({ DatabaseUrl: database.url });
    const stacks = await cloud.deployProject(await loadProjectConfig(configFile), ENV);
    const { key, devices } = await seed(cloud, stacks);
    say(
      SUITE,
      `deployed and seeded ${devices.length} devices in ${((now() - deployStarted) / 1000).toFixed(1)} s (load ${load()})`,
    );
    const names = new Map(
      stacks.flatMap((stack) =>
        Object.entries(stack.resources)
          .filter(([, resource]) => resource.type === 'AWS::Lambda::Function')
          .map(([logicalId, resource]) => [resource.physicalId, `${stack.service}.${logicalId}`]),
      ),
    );
    const metrics = cloud.environment(ENV).metrics;
    const snapshot = () => {
      const before = invocationTotals(metrics);
      return {
        since: () => invocationsBetween(before, invocationTotals(metrics), (name) => names.get(name) ?? name),
      };
    };
    // Twelve hours ago, so no fix of the run reaches the server's clock.
    const startMs = Date.now() - 12 * 3600 * 1000;
    const fleet = devices.map((device, index) => ({ ...device, track: track(index, startMs) }));
    const gatewayUrl = cloud.gateway?.url ?? '';
    const agent = new Agent({ keepAlive: true, maxSockets: Math.max(...BATCH.inFlight) });
    const context = {
      db,
      gatewayUrl,
      fleet,
      snapshot,
      countStored: () => storedCount(db),
      broker: cloud.broker?.url ?? '',
      sendBatches: batchSender({ gatewayUrl, key, fleet, agent }),
    };

    const batch = await measureBatch(context);
    agent.destroy();
    const mqtt = await measureMqtt(context);
    const osmand = await measureOsmand(context);

    say(
      SUITE,
      `\n${table(
        [
          `batch, ${BATCH.requests} × ${BATCH.positions} positions`,
          'stored/s',
          'elapsed',
          'per request',
          'load',
        ],
        batch.map((result) => [
          `${result.inFlight} in flight`,
          rate(result.storedPerSecond),
          `${(result.elapsedMs / 1000).toFixed(2)} s`,
          ms(result.requestMs),
          result.load,
        ]),
        'lrrrr',
      )}`,
    );
    for (const result of batch)
      say(
        SUITE,
        `\n${invocationTable(`batch, ${result.inFlight} in flight`, result.invocations, result.positions)}`,
      );
    say(SUITE, `\n${invocationTable(`mqtt, ${mqtt.positions} messages`, mqtt.invocations, mqtt.positions)}`);
    say(
      SUITE,
      `\n${invocationTable(`osmand, ${OSMAND.samples} sequential`, osmand.sequential.invocations, OSMAND.samples)}`,
    );
    say(
      SUITE,
      `\n${invocationTable(`osmand, ${OSMAND.devices} devices at once`, osmand.concurrent.invocations, osmand.concurrentTotal)}`,
    );
    const best = batch.reduce((top, result) => (result.storedPerSecond > top.storedPerSecond ? result : top));
    return [
      ...batch.map((result) => ({
        metric: `batch positions/s stored, ${result.inFlight} in flight`,
        measured: rate(result.storedPerSecond),
        target: `≥ ${rate(TARGET.batchPerSecond)}`,
        verdict:
          result === best ? (result.storedPerSecond >= TARGET.batchPerSecond ? 'within' : 'under') : '',
      })),
      {
        metric: `MQTT positions/s stored (${MQTT.devices} devices, QoS 1)`,
        measured: rate(mqtt.storedPerSecond),
        target: `≥ ${rate(TARGET.mqttPerSecond)}`,
        verdict: mqtt.storedPerSecond >= TARGET.mqttPerSecond ? 'within' : 'under',
      },
      {
        metric: '… MQTT publishes acknowledged/s; tail after the last ack',
        measured: `${rate(mqtt.ackedPerSecond)}; ${(mqtt.tailMs / 1000).toFixed(1)} s`,
        target: '',
        verdict: '',
      },
      ...osmandFigures(osmand, TARGET.osmandP50Ms),
    ];
  } catch (error) {
    const tail = logs.filter((line) => !/^\S+ \| (START|END|REPORT) /.test(line)).slice(-30);
    throw new Error(
      `${error instanceof Error ? error.message : String(error)}\n--- last function logs ---\n${tail.join('\n')}`,
      {
        cause: error,
      },
    );
  } finally {
    await db.end();
    await cloud.stop();
    await database.drop();
  }
}

await runIfMain(import.meta.url, runIngestionSuite, (text) => say(SUITE, text));
