/**
 * Event bus benchmark, on the local cloud with the real `services/event-bus` stack and the
 * machine's PostgreSQL (TEST_DATABASE_URL):
 *
 *  1. publish → listener latency, to a Lambda listener and to an SQS listener;
 *  2. events/s accepted: a burst of publishes, counted when Lambda answers 202 (the event is then
 *     journaled and cannot be lost), and how fast the bus drains it to three listeners;
 *  3. sustained events/s with three Lambda listeners: fixed rates, each held for a few seconds;
 *     a rate is sustained when every delivery arrives within two seconds of the last publish.
 *
 * Beside each bus figure stands its **floor**: the same publishes to a relay function (plain
 * handler, no library, no database) that async-invokes the same listeners. Every event costs the
 * same Lambda invocations either way, so bus − floor is what the bus itself adds, and the floor is
 * the most any bus could do on this cloud and machine. Bus and floor samples are interleaved in
 * blocks, so a neighbour's burst of load hits both.
 *
 *   npm run build && node bench/event-bus.mjs
 *
 * Publishing is what `postEvent` does: an asynchronous invoke through the AWS SDK against the edge.
 * Latency runs from just before that call to the start of the listener's handler, which posts its
 * timestamp on a BroadcastChannel (it spans the worker threads the functions run in). The local
 * cloud runs in this process; the listeners are trivial handlers.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import pg from 'pg';
import { LocalCloud, loadProjectConfig } from '../packages/cloud/dist/index.js';
import { createEvent } from '../packages/lambda/dist/index.js';
import { trackDirectory } from './lib/cleanup.mjs';
import { ms, table } from './lib/format.mjs';
import { keepAliveAgent, lambdaInvoker } from './lib/http-invoker.mjs';
import { progress, say } from './lib/progress.mjs';
import { runIfMain } from './lib/standalone.mjs';
import { summarize } from './lib/stats.mjs';

const SUITE = 'event-bus';
const ENV = 'bench';
const ACCOUNT_ID = '000000000000';
const CHANNEL = 'motorcade-bench-event-bus';
const DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
// Publishes are spaced so one event's path is done before the next starts: the latency of an event,
// not of a queue (the rate phases measure what load does to it).
const LATENCY = { warmup: 300, samples: 1_500, block: 250, pauseMs: 15 };
const SQS_LATENCY = { warmup: 100, samples: 1_000, pauseMs: 15 };
const BURST = { events: 2_000, inFlight: 64 };
// `postEvents`' batches of ten, 16 batches (160 events) in flight.
const BATCH_BURST = { events: 10_000, inFlight: 16, batch: 10 };
const RATES = { perSecond: [50, 100, 250, 500, 1_000, 2_000], seconds: 5, graceMs: 2_000 };
const TARGET = { lambdaP50Ms: 5, lambdaP99Ms: 20, eventsPerSecond: 2_000 };
const THREE = ['L1', 'L2', 'L3'];

/** Listener: posts `{ listener, n, at, logged }` for each event (one by invoke, or an SQS batch). */
const LISTENER = `const channel = new BroadcastChannel('${CHANNEL}');
channel.unref();
const listener = process.env.LISTENER;
export const handler = async (event) => {
  const at = performance.timeOrigin + performance.now();
  const post = (envelope) => channel.postMessage({ listener, n: envelope.detail.n, at, logged: Date.parse(envelope.time) });
  if (!Array.isArray(event.Records)) return post(event);
  for (const record of event.Records) post(JSON.parse(record.body));
  return { batchItemFailures: [] };
};
`;

/** The floor's relay: what a bus must at least do, an async invoke of each listener, nothing else. */
const RELAY = `const { InvokeCommand, LambdaClient } = require('@aws-sdk/client-lambda');
const client = new LambdaClient({ maxAttempts: 2 });
const targets = process.env.TARGETS.split(',');
exports.handler = async (event) => {
  const Payload = Buffer.from(JSON.stringify(event));
  await Promise.all(targets.map((FunctionName) => client.send(new InvokeCommand({ FunctionName, InvocationType: 'Event', Payload }))));
};
`;

function writeProject(dir) {
  mkdirSync(join(dir, 'listener'), { recursive: true });
  mkdirSync(join(dir, 'relay'), { recursive: true });
  writeFileSync(join(dir, 'listener', 'index.mjs'), LISTENER);
  // CommonJS: a handler outside the repository finds the AWS SDK through the runtime's paths.
  writeFileSync(join(dir, 'relay', 'index.cjs'), RELAY);
  const fn = (name, codeUri, variables, extra = '') => `  ${name}:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: ${codeUri}
      Handler: index.handler
      Runtime: nodejs22.x
      Timeout: 10
      Environment:
        Variables:
${Object.entries(variables)
  .map(([key, value]) => `          ${key}: ${value}`)
  .join('\n')}
${extra}`;
  const listener = (name, event, type, arn) => `  ${name}:
    Type: Custom::EventListener
    Properties:
      ServiceToken: !ImportValue
        Fn::Sub: \${EventBusStackName}-UpdateListenerArn
      Event: ${event}
      Type: ${type}
      Arn: ${arn}
`;
  const arns = (names) => `!Join [',', [${names.map((name) => `!GetAtt ${name}.Arn`).join(', ')}]]`;
  writeFileSync(
    join(dir, 'template.yaml'),
    `AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Parameters:
  EventBusStackName:
    Type: String
Resources:
${['L1', 'L2', 'L3', 'S1'].map((name) => fn(name, 'listener', { LISTENER: name }, name === 'S1' ? '      Events:\n        Inbox:\n          Type: SQS\n          Properties:\n            Queue: !GetAtt Inbox.Arn\n            BatchSize: 10\n' : '')).join('')}  Inbox:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: 60
${fn('RelayOne', 'relay', { TARGETS: arns(['L1']) }, '      ReservedConcurrentExecutions: 10\n')}${fn('RelayThree', 'relay', { TARGETS: arns(THREE) }, '      ReservedConcurrentExecutions: 10\n')}${listener('LatencyListener', 'benchLatency', 'lambda', '!GetAtt L1.Arn')}${listener('SqsListener', 'benchSqsLatency', 'sqs', '!GetAtt Inbox.Arn')}${THREE.map((name) => listener(`Three${name}`, 'benchThree', 'lambda', `!GetAtt ${name}.Arn`)).join('')}Outputs:
  RelayOne:
    Value: !GetAtt RelayOne.Arn
  RelayThree:
    Value: !GetAtt RelayThree.Arn
`,
  );
  const file = join(dir, 'motorcade.config.json');
  writeFileSync(
    file,
    JSON.stringify({
      services: {
        'event-bus': {
          template: fileURLToPath(new URL('../services/event-bus/template.yaml', import.meta.url)),
          parameters: { OpsTokenSecret: 'bench-ops-token-not-a-secret' },
        },
        listeners: { template: join(dir, 'template.yaml') },
      },
      parameters: { EventBusStackName: `${ENV}-event-bus` },
      environments: { [ENV]: { account: ACCOUNT_ID, region: 'eu-west-1', concurrency: 1000 } },
    }),
  );
  return file;
}

async function createDatabase() {
  const name = `motorcade_bench_event_bus_${process.pid}_${Date.now()}`;
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

const now = () => performance.timeOrigin + performance.now();
const sleep = (msec) => new Promise((resolve) => setTimeout(resolve, msec));
const load = () => loadavg()[0].toFixed(1);

/**
 * What the listeners reported, by `listener:n`: when each first received it, and the bus's time.
 * `waitFor` is told by each receipt rather than polling: the local cloud runs in this process, and
 * re-checking thousands of receipts every few milliseconds took main-thread time from it.
 */
function listenForReceipts() {
  const channel = new BroadcastChannel(CHANNEL);
  const receivedAt = new Map();
  const loggedAt = new Map();
  const waiters = new Set();
  channel.onmessage = ({ data }) => {
    const key = `${data.listener}:${data.n}`;
    if (receivedAt.has(key)) return;
    receivedAt.set(key, data.at);
    loggedAt.set(key, data.logged);
    for (const waiter of waiters) if (waiter.missing.delete(key) && waiter.missing.size === 0) waiter.done();
  };
  /** Resolves once every key has a receipt; rejects after `timeoutMs`. */
  const waitFor = (keys, timeoutMs, what) => {
    const missing = new Set(keys.filter((key) => !receivedAt.has(key)));
    if (missing.size === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiter = {
        missing,
        done: () => {
          waiters.delete(waiter);
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        waiters.delete(waiter);
        reject(new Error(`timed out waiting for ${what} (${missing.size} of ${keys.length} missing)`));
      }, timeoutMs);
      waiters.add(waiter);
    });
  };
  return { receivedAt, loggedAt, waitFor, close: () => channel.close() };
}

/** Event numbers are unique across phases, so every receipt belongs to exactly one publish. */
let nextNumber = 0;
const numbers = (count) => Array.from({ length: count }, () => nextNumber++);

/**
 * Publishes as `postEvent` does (`transport: 'sdk'`, the AWS SDK's InvokeCommand), or sends the
 * same Invoke request with plain HTTP (`'http'`): the SDK client costs the bench's main thread —
 * which the local cloud shares — about a millisecond of CPU a call (signing, middleware, ids), so
 * the `http` figures show what the cloud and the bus accept without the publisher's SDK in the way.
 */
function publisher(cloud, arns, transport = 'sdk') {
  if (transport === 'http') return httpPublisher(cloud, arns);
  const client = new LambdaClient({
    endpoint: cloud.edgeUrl,
    region: 'eu-west-1',
    credentials: { accessKeyId: `motorcade-${ENV}`, secretAccessKey: 'motorcade' },
    maxAttempts: 1,
  });
  return {
    /** Publishes event `n` of `type` to the bus, or (`via: 'floor'`) to the relay. */
    async publish(target, type, n) {
      const payload = JSON.stringify(createEvent(type, { n }, 'bench'));
      const result = await client.send(
        new InvokeCommand({ FunctionName: arns[target], InvocationType: 'Event', Payload: payload }),
      );
      if (result.StatusCode !== 202) throw new Error(`${target} answered ${result.StatusCode}`);
    },
    /** Publishes events `ns` in one batch, as `postEvents` does. */
    async publishBatch(target, type, ns) {
      const result = await client.send(
        new InvokeCommand({
          FunctionName: arns[target],
          InvocationType: 'Event',
          Payload: batchOf(type, ns),
        }),
      );
      if (result.StatusCode !== 202) throw new Error(`${target} answered ${result.StatusCode}`);
    },
    close: () => client.destroy(),
  };
}

/** The payload `postEvents` sends for events `ns`: `{ events: [envelope, …] }`. */
const batchOf = (type, ns) => JSON.stringify({ events: ns.map((n) => createEvent(type, { n }, 'bench')) });

function httpPublisher(cloud, arns) {
  const agent = keepAliveAgent(BURST.inFlight);
  const invokers = Object.fromEntries(
    Object.entries(arns).map(([target, arn]) => [
      target,
      lambdaInvoker({ baseUrl: cloud.edgeUrl, functionName: arn, agent, invocationType: 'Event' }),
    ]),
  );
  return {
    async publish(target, type, n) {
      const result = await invokers[target](JSON.stringify(createEvent(type, { n }, 'bench')));
      if (result.status !== 202) throw new Error(`${target} answered ${result.status}: ${result.body}`);
    },
    async publishBatch(target, type, ns) {
      const result = await invokers[target](batchOf(type, ns));
      if (result.status !== 202) throw new Error(`${target} answered ${result.status}: ${result.body}`);
    },
    close: () => agent.destroy(),
  };
}

/** Sequential publishes, a pause between, in interleaved blocks of each target. */
async function measureLatency(
  client,
  receipts,
  { targets, type, listener, warmup, samples, block, pauseMs, label },
) {
  const sent = new Map(targets.map((target) => [target, new Map()]));
  const acked = new Map(targets.map((target) => [target, []]));
  const total = (warmup + samples) * targets.length;
  const tick = progress(SUITE, label, total);
  let done = 0;
  for (let start = 0; start < warmup + samples; start += block ?? warmup + samples) {
    const order = (start / (block ?? 1)) % 2 === 0 ? targets : [...targets].reverse();
    for (const target of order) {
      const count = Math.min(block ?? warmup + samples, warmup + samples - start);
      for (const n of numbers(count)) {
        const before = now();
        sent.get(target).set(n, before);
        await client.publish(target, type, n);
        if (sent.get(target).size > warmup) acked.get(target).push(now() - before);
        tick(++done);
        await sleep(pauseMs);
      }
    }
  }
  const all = targets.flatMap((target) => [...sent.get(target).keys()]);
  await receipts.waitFor(
    all.map((n) => `${listener}:${n}`),
    60_000,
    `every ${label} receipt`,
  );
  return Object.fromEntries(
    targets.map((target) => {
      const measured = [...sent.get(target).entries()].slice(warmup);
      const latency = measured.map(([n, at]) => receipts.receivedAt.get(`${listener}:${n}`) - at);
      // The envelope's time is when SendEvent's append began (PostgreSQL's now(), in milliseconds).
      const toLog = measured.map(([n, at]) => receipts.loggedAt.get(`${listener}:${n}`) - at);
      const fromLog = measured.map(
        ([n]) => receipts.receivedAt.get(`${listener}:${n}`) - receipts.loggedAt.get(`${listener}:${n}`),
      );
      return [
        target,
        {
          latency: summarize(latency),
          ack: summarize(acked.get(target)),
          toLog: summarize(toLog),
          fromLog: summarize(fromLog),
        },
      ];
    }),
  );
}

/** The receipts of events delivered to all three listeners. */
const toThree = (list) => list.flatMap((n) => THREE.map((name) => `${name}:${n}`));

/**
 * A burst of publishes as fast as `inFlight` publishers go: the 202 rate (events per second), then
 * the drain rate. With `batch` > 1 each publish is a batch of that many events, as `postEvents` sends.
 */
async function measureBurst(
  client,
  receipts,
  target,
  type,
  { events, inFlight, batch } = { ...BURST, batch: 1 },
) {
  const list = numbers(events);
  const tick = progress(
    SUITE,
    `burst of ${events} events to ${target}${batch > 1 ? ` in batches of ${batch}` : ''}`,
    events,
  );
  let index = 0;
  let published = 0;
  const started = now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (index < list.length) {
        const ns = list.slice(index, index + batch);
        index += ns.length;
        if (batch > 1) await client.publishBatch(target, type, ns);
        else await client.publish(target, type, ns[0]);
        published += ns.length;
        tick(published);
      }
    }),
  );
  const acceptedMs = now() - started;
  await receipts.waitFor(toThree(list), 600_000, `the ${target} burst to drain`);
  return {
    acceptedPerSecond: list.length / (acceptedMs / 1000),
    drainedPerSecond: list.length / ((now() - started) / 1000),
  };
}

/** Publishes at a fixed rate (open loop) for a few seconds; sustained if all arrive within the grace. */
async function measureRate(client, receipts, target, type, perSecond) {
  const total = perSecond * RATES.seconds;
  const list = numbers(total);
  const sentAt = new Map();
  const pending = [];
  const started = now();
  for (const [index, n] of list.entries()) {
    const wait = started + (index * 1000) / perSecond - now();
    if (wait > 1) await sleep(wait);
    sentAt.set(n, now());
    pending.push(client.publish(target, type, n));
    if (pending.length >= 256) await Promise.all(pending.splice(0));
  }
  await Promise.all(pending);
  const lastPublish = now();
  const offered = total / ((lastPublish - started) / 1000);
  let sustained = true;
  try {
    await receipts.waitFor(toThree(list), RATES.graceMs, 'the grace period');
  } catch {
    sustained = false;
    // Let the backlog drain before the next step, so one step's overload does not spill into the next.
    await receipts.waitFor(toThree(list), 600_000, `the ${perSecond}/s backlog to drain`);
  }
  const latencies = list.flatMap((n) =>
    THREE.map((name) => receipts.receivedAt.get(`${name}:${n}`) - sentAt.get(n)),
  );
  return { perSecond, offered, sustained, latency: summarize(latencies) };
}

/** Runs the event bus benchmark and returns its figures as `{ metric, measured, target, verdict }` rows. */
export async function runEventBusSuite() {
  const dir = trackDirectory(mkdtempSync(join(tmpdir(), 'motorcade-bench-event-bus-')));
  const configFile = writeProject(dir);
  const database = await createDatabase();
  const receipts = listenForReceipts();
  say(SUITE, `deploying the event bus and the bench listeners (load average ${load()})`);
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
    logSink: () => {},
  });
  let client;
  try {
    cloud.setDefaultParameters({ DatabaseUrl: database.url });
    const stacks = await cloud.deployProject(await loadProjectConfig(configFile), ENV);
    const bus = stacks.find((stack) => stack.name === `${ENV}-event-bus`);
    const listeners = stacks.find((stack) => stack.name === `${ENV}-listeners`);
    const arns = {
      bus: bus?.exports[`${ENV}-event-bus-SendEventArn`],
      relayOne: listeners?.outputs.RelayOne,
      relayThree: listeners?.outputs.RelayThree,
    };
    client = publisher(cloud, arns);

    const toLambda = await measureLatency(client, receipts, {
      targets: ['bus', 'relayOne'],
      type: 'benchLatency',
      listener: 'L1',
      label: 'publish → lambda listener (bus and floor, interleaved)',
      ...LATENCY,
    });
    const toSqs = await measureLatency(client, receipts, {
      targets: ['bus'],
      type: 'benchSqsLatency',
      listener: 'S1',
      label: 'publish → sqs listener',
      ...SQS_LATENCY,
    });
    const row = (label, stats) => [
      label,
      stats.n,
      ms(stats.p50),
      ms(stats.p99),
      ms(stats.mean),
      ms(stats.max),
    ];
    say(
      SUITE,
      `\n${table(
        [`latency (load ${load()})`, 'n', 'p50', 'p99', 'mean', 'max'],
        [
          row('publish → lambda listener, bus', toLambda.bus.latency),
          row('publish → lambda listener, floor (relay)', toLambda.relayOne.latency),
          row('… publish call (202)', toLambda.bus.ack),
          row('… publish → SendEvent logs it', toLambda.bus.toLog),
          row('… logged → lambda listener', toLambda.bus.fromLog),
          row('publish → sqs listener, bus', toSqs.bus.latency),
          row('… logged → sqs listener', toSqs.bus.fromLog),
        ],
        'lrrrrr',
      )}`,
    );

    const burst = {
      bus: await measureBurst(client, receipts, 'bus', 'benchThree'),
      floor: await measureBurst(client, receipts, 'relayThree', 'benchThree'),
    };
    const httpClient = publisher(cloud, arns, 'http');
    const httpBurst = {
      bus: await measureBurst(httpClient, receipts, 'bus', 'benchThree'),
      floor: await measureBurst(httpClient, receipts, 'relayThree', 'benchThree'),
    };
    // Batches have no floor: the relay forwards one payload, whatever it holds.
    const batchBurst = {
      sdk: await measureBurst(client, receipts, 'bus', 'benchThree', BATCH_BURST),
      http: await measureBurst(httpClient, receipts, 'bus', 'benchThree', BATCH_BURST),
    };
    httpClient.close();
    // Once a rate is not sustained, higher ones are not tried: their backlogs would only take long to drain.
    const rates = [];
    const notTried = (perSecond) => ({
      perSecond,
      sustained: false,
      tried: false,
      latency: summarize([Number.NaN]),
    });
    for (const perSecond of RATES.perSecond) {
      const previous = rates.at(-1);
      say(
        SUITE,
        `${perSecond} events/s for ${RATES.seconds} s to three listeners, bus then floor (load ${load()})`,
      );
      rates.push({
        bus:
          previous && !previous.bus.sustained
            ? notTried(perSecond)
            : await measureRate(client, receipts, 'bus', 'benchThree', perSecond),
        floor:
          previous && !previous.floor.sustained
            ? notTried(perSecond)
            : await measureRate(client, receipts, 'relayThree', 'benchThree', perSecond),
      });
    }
    const answer = (step) => (step.tried === false ? 'not tried' : step.sustained ? 'yes' : 'no');
    const sustainedOf = (which) =>
      Math.max(0, ...rates.filter((step) => step[which].sustained).map((step) => step[which].perSecond));
    const rate = (value) => `${value.toFixed(0)}/s`;
    say(
      SUITE,
      `\n${table(
        [`three lambda listeners (load ${load()})`, 'bus', 'floor'],
        [
          [
            `accepted: burst of ${BURST.events}, 202s per second`,
            rate(burst.bus.acceptedPerSecond),
            rate(burst.floor.acceptedPerSecond),
          ],
          [
            '… the burst delivered to all three, per second',
            rate(burst.bus.drainedPerSecond),
            rate(burst.floor.drainedPerSecond),
          ],
          [
            `accepted, plain HTTP publisher: burst of ${BURST.events}, 202s per second`,
            rate(httpBurst.bus.acceptedPerSecond),
            rate(httpBurst.floor.acceptedPerSecond),
          ],
          [
            '… the burst delivered to all three, per second',
            rate(httpBurst.bus.drainedPerSecond),
            rate(httpBurst.floor.drainedPerSecond),
          ],
          [
            `accepted, batches of ${BATCH_BURST.batch} (postEvents): burst of ${BATCH_BURST.events}, events per second`,
            rate(batchBurst.sdk.acceptedPerSecond),
            '',
          ],
          ['… the burst delivered to all three, per second', rate(batchBurst.sdk.drainedPerSecond), ''],
          [
            `accepted, batches of ${BATCH_BURST.batch}, plain HTTP publisher: events per second`,
            rate(batchBurst.http.acceptedPerSecond),
            '',
          ],
          ['… the burst delivered to all three, per second', rate(batchBurst.http.drainedPerSecond), ''],
          ...rates.flatMap((step) => [
            [
              `${step.bus.perSecond}/s offered for ${RATES.seconds} s: sustained?`,
              answer(step.bus),
              answer(step.floor),
            ],
            [
              `… latency p50 / p99`,
              `${ms(step.bus.latency.p50)} / ${ms(step.bus.latency.p99)}`,
              `${ms(step.floor.latency.p50)} / ${ms(step.floor.latency.p99)}`,
            ],
          ]),
          ['highest sustained rate measured', rate(sustainedOf('bus')), rate(sustainedOf('floor'))],
        ],
        'lrr',
      )}`,
    );
    const within = (value, target) => (value <= target ? 'within' : `over by ${ms(value - target)}`);
    return [
      {
        metric: 'publish → lambda listener p50 (floor)',
        measured: `${ms(toLambda.bus.latency.p50)} (${ms(toLambda.relayOne.latency.p50)})`,
        target: `≤ ${ms(TARGET.lambdaP50Ms)}`,
        verdict: within(toLambda.bus.latency.p50, TARGET.lambdaP50Ms),
      },
      {
        metric: 'publish → lambda listener p99 (floor)',
        measured: `${ms(toLambda.bus.latency.p99)} (${ms(toLambda.relayOne.latency.p99)})`,
        target: `≤ ${ms(TARGET.lambdaP99Ms)}`,
        verdict: within(toLambda.bus.latency.p99, TARGET.lambdaP99Ms),
      },
      {
        metric: 'publish → sqs listener p50 / p99',
        measured: `${ms(toSqs.bus.latency.p50)} / ${ms(toSqs.bus.latency.p99)}`,
        target: '',
        verdict: '',
      },
      {
        metric: 'events/s accepted, three listeners (floor)',
        measured: `${rate(burst.bus.acceptedPerSecond)} (${rate(burst.floor.acceptedPerSecond)})`,
        target: `≥ ${TARGET.eventsPerSecond}/s`,
        verdict: burst.bus.acceptedPerSecond >= TARGET.eventsPerSecond ? 'within' : 'under',
      },
      {
        metric: 'events/s accepted from a plain HTTP publisher (floor)',
        measured: `${rate(httpBurst.bus.acceptedPerSecond)} (${rate(httpBurst.floor.acceptedPerSecond)})`,
        target: `≥ ${TARGET.eventsPerSecond}/s`,
        verdict: httpBurst.bus.acceptedPerSecond >= TARGET.eventsPerSecond ? 'within' : 'under',
      },
      {
        metric: `events/s accepted in batches of ${BATCH_BURST.batch} (postEvents), SDK / plain HTTP`,
        measured: `${rate(batchBurst.sdk.acceptedPerSecond)} / ${rate(batchBurst.http.acceptedPerSecond)}`,
        target: `≥ ${TARGET.eventsPerSecond}/s`,
        verdict: batchBurst.sdk.acceptedPerSecond >= TARGET.eventsPerSecond ? 'within' : 'under',
      },
      {
        metric: 'events/s sustained, three listeners (floor)',
        measured: `${rate(sustainedOf('bus'))} (${rate(sustainedOf('floor'))})`,
        target: `≥ ${TARGET.eventsPerSecond}/s`,
        verdict: sustainedOf('bus') >= TARGET.eventsPerSecond ? 'within' : 'under',
      },
    ];
  } finally {
    client?.close();
    receipts.close();
    await cloud.stop();
    await database.drop();
  }
}

await runIfMain(import.meta.url, runEventBusSuite, (text) => say(SUITE, text));
