import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { trackDirectory } from '../lib/cleanup.mjs';
import { deltaMs, mb, ms, table } from '../lib/format.mjs';
import { expectOk, keepAliveAgent, lambdaInvoker } from '../lib/http-invoker.mjs';
import { say } from '../lib/progress.mjs';
import { TRIVIAL_HANDLER, WAITING_HANDLER, writeBenchProject } from './bench-project.mjs';
import { startCloud, startNoopServer } from './cloud-process.mjs';
import { measureColdStarts } from './cold-start.mjs';
import { settledMemory, warmEnvironments } from './memory.mjs';
import { measureAgainstFloor, sdkInvoker } from './warm-latency.mjs';

const SUITE = 'lambda';

/** Sample counts: generous, yet the whole suite stays well under two minutes on two cores. */
const WARM = { warmup: 500, perTarget: 10_000, blockSize: 500 };
const WARM_SDK = { warmup: 300, perTarget: 5_000, blockSize: 500 };
const COLD_STARTS = 30;
const IDLE_FUNCTIONS = 100;
const WARM_ENVIRONMENTS = 20;
const WAIT_MS = 200;

/** Targets of the brief. */
const TARGET = {
  warmP50OverFloorMs: 0.3,
  coldStartMs: 150,
  idleRssMb: 150,
  perWarmEnvironmentMb: 20,
};

const over = (value, limit, format) => (value <= limit ? 'within' : `over by ${format(value - limit)}`);

function latencyTable(rows) {
  return table(
    ['', 'n', 'p50', 'p99', 'mean', 'max'],
    rows.map(([name, s]) => [name, s.n, ms(s.p50), ms(s.p99), ms(s.mean), ms(s.max)]),
    'lrrrrr',
  );
}

function floorRows(path, result) {
  const { subject, floor } = result;
  const p50 = subject.p50 - floor.p50;
  return [
    {
      metric: `warm invoke, ${path}: p50 (floor)`,
      measured: `${ms(subject.p50)} (${ms(floor.p50)})`,
      target: '',
      verdict: '',
    },
    {
      metric: `warm invoke, ${path}: p50 − floor`,
      measured: deltaMs(p50),
      target: `≤ ${ms(TARGET.warmP50OverFloorMs)}`,
      verdict: over(p50, TARGET.warmP50OverFloorMs, ms),
    },
    {
      metric: `warm invoke, ${path}: p99 (floor)`,
      measured: `${ms(subject.p99)} (${ms(floor.p99)})`,
      target: '',
      verdict: '',
    },
    {
      metric: `warm invoke, ${path}: mean (floor)`,
      measured: `${ms(subject.mean)} (${ms(floor.mean)})`,
      target: '',
      verdict: '',
    },
  ];
}

/** Warm latency (HTTP and SDK, each beside its floor) and cold starts, on one cloud process. */
async function latencyPhases(root, rows) {
  const dir = join(root, 'latency');
  mkdirSync(dir);
  const coldNames = Array.from(
    { length: COLD_STARTS },
    (_, i) => `bench-cold-${String(i + 1).padStart(2, '0')}`,
  );
  const configFile = writeBenchProject(dir, [
    { logicalId: 'Trivial', name: 'bench-trivial', code: TRIVIAL_HANDLER },
    ...coldNames.map((name, i) => ({ logicalId: `Cold${i + 1}`, name, code: TRIVIAL_HANDLER })),
  ]);
  say(SUITE, `starting motorcade dev (${coldNames.length + 1} functions) and the no-op floor server`);
  const [cloud, noop] = await Promise.all([startCloud(dir, configFile), startNoopServer(dir)]);
  say(
    SUITE,
    `cloud pid ${cloud.pid} ready in ${cloud.readyMs} ms at ${cloud.edgeUrl}; floor pid ${noop.pid} at ${noop.url}`,
  );
  const context = { cloudAtReady: cloud.memory(), bareNodeServer: noop.memory() };
  try {
    const edgeAgent = keepAliveAgent(1);
    const floorAgent = keepAliveAgent(1);
    const toEdge = lambdaInvoker({ baseUrl: cloud.edgeUrl, functionName: 'bench-trivial', agent: edgeAgent });
    const toFloor = lambdaInvoker({ baseUrl: noop.url, functionName: 'bench-trivial', agent: floorAgent });
    const http = await measureAgainstFloor({
      suite: SUITE,
      label: 'warm invoke over HTTP (cloud and floor, interleaved)',
      subject: async () => expectOk(await toEdge(), 'edge'),
      floor: async () => expectOk(await toFloor(), 'floor'),
      ...WARM,
    });
    edgeAgent.destroy();
    floorAgent.destroy();
    console.log(
      `\nwarm invoke over keep-alive HTTP\n${latencyTable([
        ['motorcade edge', http.subject],
        ['no-op floor', http.floor],
      ])}\n`,
    );
    rows.push(...floorRows('HTTP', http));

    const sdkEdge = sdkInvoker(cloud.edgeUrl, 'bench-trivial');
    const sdkFloor = sdkInvoker(noop.url, 'bench-trivial');
    let sdk;
    try {
      sdk = await measureAgainstFloor({
        suite: SUITE,
        label: 'warm invoke via @aws-sdk/client-lambda (cloud and floor, interleaved)',
        subject: sdkEdge.invoke,
        floor: sdkFloor.invoke,
        ...WARM_SDK,
      });
    } finally {
      sdkEdge.close();
      sdkFloor.close();
    }
    console.log(
      `\nwarm invoke via @aws-sdk/client-lambda InvokeCommand\n${latencyTable([
        ['motorcade edge', sdk.subject],
        ['no-op floor', sdk.floor],
      ])}\n`,
    );
    rows.push(...floorRows('SDK', sdk));

    const cold = await measureColdStarts({ suite: SUITE, edgeUrl: cloud.edgeUrl, functionNames: coldNames });
    console.log(
      `\ncold start (first invoke of ${coldNames.length} fresh functions)\n${latencyTable([
        ['first invoke, client', cold.firstInvoke],
        ['Init Duration (REPORT)', cold.initDuration],
      ])}\n`,
    );
    rows.push(
      {
        metric: 'cold start: first invoke p50 (p99, max)',
        measured: `${ms(cold.firstInvoke.p50)} (${ms(cold.firstInvoke.p99)}, ${ms(cold.firstInvoke.max)})`,
        target: `≤ ${ms(TARGET.coldStartMs)}`,
        verdict: over(cold.firstInvoke.p99, TARGET.coldStartMs, ms),
      },
      {
        metric: 'cold start: Init Duration p50 (max)',
        measured: `${ms(cold.initDuration.p50)} (${ms(cold.initDuration.max)})`,
        target: '',
        verdict: '',
      },
    );
  } finally {
    await Promise.all([cloud.stop(), noop.stop()]);
  }
  return context;
}

/** RSS with 100 idle functions, then with 20 warm environments of one of them. */
async function memoryPhases(root, rows, context) {
  const dir = join(root, 'memory');
  mkdirSync(dir);
  const names = Array.from(
    { length: IDLE_FUNCTIONS },
    (_, i) => `bench-fn-${String(i + 1).padStart(3, '0')}`,
  );
  const configFile = writeBenchProject(
    dir,
    names.map((name, i) => ({ logicalId: `Fn${i + 1}`, name, code: WAITING_HANDLER })),
  );
  say(SUITE, `starting motorcade dev (${IDLE_FUNCTIONS} functions)`);
  const cloud = await startCloud(dir, configFile);
  say(SUITE, `cloud pid ${cloud.pid} ready in ${cloud.readyMs} ms; letting it settle`);
  try {
    const idle = await settledMemory(cloud);
    say(SUITE, `RSS with ${IDLE_FUNCTIONS} deployed, idle functions: ${mb(idle.rssMb)}`);
    await warmEnvironments({
      suite: SUITE,
      edgeUrl: cloud.edgeUrl,
      functionName: names[0],
      count: WARM_ENVIRONMENTS,
      waitMs: WAIT_MS,
    });
    const warm = await settledMemory(cloud);
    const perEnvironment = (warm.rssMb - idle.rssMb) / WARM_ENVIRONMENTS;
    say(
      SUITE,
      `RSS with ${WARM_ENVIRONMENTS} warm environments: ${mb(warm.rssMb)} (peak ${mb(warm.peakRssMb)})`,
    );
    console.log(
      `\nresident memory (VmRSS; the cloud rows after deploy are the median of 5 readings after a 1 s settle, the first two one reading at ready)\n${table(
        ['', 'RSS', 'peak (VmHWM)'],
        [
          [
            'a bare node:http server (the floor), for scale',
            mb(context.bareNodeServer.rssMb),
            mb(context.bareNodeServer.peakRssMb),
          ],
          [
            `cloud at ready, ${COLD_STARTS + 1} functions, none run yet`,
            mb(context.cloudAtReady.rssMb),
            mb(context.cloudAtReady.peakRssMb),
          ],
          [`cloud, ${IDLE_FUNCTIONS} deployed idle functions`, mb(idle.rssMb), mb(idle.peakRssMb)],
          [`cloud, + ${WARM_ENVIRONMENTS} warm environments`, mb(warm.rssMb), mb(warm.peakRssMb)],
          ['per warm environment', mb(perEnvironment), ''],
        ],
        'lrr',
      )}\n`,
    );
    rows.push(
      {
        metric: `RSS, ${IDLE_FUNCTIONS} deployed idle functions`,
        measured: mb(idle.rssMb),
        target: `≤ ${mb(TARGET.idleRssMb)}`,
        verdict: over(idle.rssMb, TARGET.idleRssMb, mb),
      },
      {
        metric: `RSS, + ${WARM_ENVIRONMENTS} warm environments`,
        measured: mb(warm.rssMb),
        target: '',
        verdict: '',
      },
      {
        metric: 'RSS per warm environment',
        measured: mb(perEnvironment),
        target: `≤ ${mb(TARGET.perWarmEnvironmentMb)}`,
        verdict: over(perEnvironment, TARGET.perWarmEnvironmentMb, mb),
      },
    );
  } finally {
    await cloud.stop();
  }
}

/**
 * The local cloud's Lambda core: warm invoke latency against its floor, cold starts, and the
 * cloud process's memory. Each cloud runs as `motorcade dev` in its own process, on a project
 * the bench generates in a temp directory.
 */
export async function runLambdaSuite() {
  const root = trackDirectory(mkdtempSync(join(tmpdir(), 'motorcade-bench-')));
  const rows = [];
  const context = await latencyPhases(root, rows);
  await memoryPhases(root, rows, context);
  return rows;
}
