/**
 * Position ingestion benchmark, on the local cloud with the real fleet stacks (event-bus, users,
 * clients, devices, tracking) and the machine's PostgreSQL (TEST_DATABASE_URL, a fresh database
 * per run, dropped at the end):
 *
 *  1. batch (bench/lib/ingestion-batch.mjs): `POST /tracking/positions` with an API key
 *     (`positions:write`), 1,000 positions a request from gateways of 25 trackers each, 1, 4 and 8
 *     requests in flight; positions/s from the first send to the last 202, checked against the rows
 *     `tracking.positions` gained;
 *  2. MQTT (bench/lib/ingestion-mqtt.mjs): 50 devices (INGESTION_MQTT_DEVICES) connected with the
 *     `mqtt` client publish QoS 1 to `fleet/<deviceId>/position` as fast as the broker acknowledges
 *     (the topic rule queues each on MqttPositions, IngestMqtt drains it in batches); the devices'
 *     clients run in a worker thread (bench/lib/mqtt-devices-worker.mjs), as trackers are other
 *     machines and must not spend the main thread the local cloud runs on; positions/s from the
 *     first publish until the table holds them all;
 *  3. OsmAnd (bench/ingestion-osmand.mjs): `GET /tracking/osmand?id=&key=&lat=&lon=&timestamp=…`,
 *     one device sequentially (p50/p95/p99/max), then 8 devices at once (requests/s); the HTTP
 *     client runs and times the requests in a worker thread (bench/lib/osmand-client-worker.mjs),
 *     for the same reason.
 *
 *   npm run build && node bench/ingestion.mjs      (or: node bench/run.js ingestion)
 *
 * The tracks are realistic (bench/lib/vehicle-track.mjs: vehicles driving around Berlin, stopping
 * now and then, so the motion detector announces vehicleMoving and vehicleStopped as it would in
 * service). Every fix time is distinct per device (none is a duplicate) and lies in the last twelve
 * hours. The local cloud runs in this process; each phase also reports the Lambda invocations it
 * caused (the environment's metrics recorder, bench/lib/invocation-accounting.mjs), by function.
 * Sizes can be changed with INGESTION_BATCH_REQUESTS, INGESTION_MQTT_MESSAGES,
 * INGESTION_MQTT_DEVICES (at most 175: the last gateway's trackers are OsmAnd's) and
 * INGESTION_OSMAND_SAMPLES.
 */
import { mkdtempSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { LocalCloud, loadProjectConfig } from '../packages/cloud/dist/index.js';
import { measureOsmand, OSMAND, osmandFigures } from './ingestion-osmand.mjs';
import { createDatabase } from './lib/bench-database.mjs';
import { trackDirectory } from './lib/cleanup.mjs';
import { ms, table } from './lib/format.mjs';
import { batchSender, measureBatch } from './lib/ingestion-batch.mjs';
import { load, rate } from './lib/ingestion-format.mjs';
import { measureMqtt } from './lib/ingestion-mqtt.mjs';
import { ACCOUNT_ID, ENV, writeConfig } from './lib/ingestion-project.mjs';
import { seed } from './lib/ingestion-seed.mjs';
import { invocationSnapshots, invocationTable } from './lib/invocation-accounting.mjs';
import { say } from './lib/progress.mjs';
import { runIfMain } from './lib/standalone.mjs';
import { storedCount } from './lib/stored-positions.mjs';
import { track } from './lib/vehicle-track.mjs';

const SUITE = 'ingestion';
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

/** Runs the ingestion benchmark and returns its figures as `{ metric, measured, target, verdict }` rows. */
export async function runIngestionSuite() {
  const dir = trackDirectory(mkdtempSync(join(tmpdir(), 'motorcade-bench-ingestion-')));
  const configFile = writeConfig(dir);
  const database = await createDatabase(SUITE);
  say(SUITE, `deploying event-bus, users, clients, devices and tracking (load ${load()})`);
  // The functions' last log lines, shown if the run fails.
  const logs = [];
  const deployStarted = performance.now();
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
    const { key, devices } = await seed(cloud, stacks, FLEET.gateways * FLEET.perGateway);
    say(
      SUITE,
      `deployed and seeded ${devices.length} devices in ${((performance.now() - deployStarted) / 1000).toFixed(1)} s (load ${load()})`,
    );
    const snapshot = invocationSnapshots(stacks, cloud.environment(ENV).metrics);
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
      sendBatches: batchSender({
        gatewayUrl,
        key,
        fleet,
        agent,
        gateways: FLEET.gateways,
        perGateway: FLEET.perGateway,
        perRequest: BATCH.positions,
      }),
    };

    const batch = await measureBatch(context, BATCH);
    agent.destroy();
    const mqtt = await measureMqtt(context, MQTT);
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
