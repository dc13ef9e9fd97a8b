/**
 * Event bus benchmark, on the local cloud with the real `services/event-bus` stack and the
 * machine's PostgreSQL (TEST_DATABASE_URL, a fresh database per run, dropped at the end):
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
 *   npm run build && node bench/event-bus.mjs      (or: node bench/run.js event-bus)
 *
 * Publishing is what `postEvent` does: an asynchronous invoke through the AWS SDK against the edge
 * (bench/lib/event-bus-publisher.mjs). Latency runs from just before that call to the start of the
 * listener's handler (bench/lib/event-bus-receipts.mjs). The local cloud runs in this process; the
 * listeners are trivial handlers (bench/lib/event-bus-project.mjs, the project the bench deploys).
 * This file holds the sizes, the targets and the report; the phases are in
 * bench/lib/event-bus-phases.mjs.
 */
import { mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalCloud, loadProjectConfig } from '../packages/cloud/dist/index.js';
import { createDatabase } from './lib/bench-database.mjs';
import { trackDirectory } from './lib/cleanup.mjs';
import { measureBurst, measureLatency, measureRate } from './lib/event-bus-phases.mjs';
import { ACCOUNT_ID, ENV, writeProject } from './lib/event-bus-project.mjs';
import { publisher } from './lib/event-bus-publisher.mjs';
import { listenForReceipts } from './lib/event-bus-receipts.mjs';
import { ms, table } from './lib/format.mjs';
import { say } from './lib/progress.mjs';
import { runIfMain } from './lib/standalone.mjs';
import { summarize } from './lib/stats.mjs';

const SUITE = 'event-bus';
// Publishes are spaced so one event's path is done before the next starts: the latency of an event,
// not of a queue (the rate phases measure what load does to it).
const LATENCY = { warmup: 300, samples: 1_500, block: 250, pauseMs: 15 };
const SQS_LATENCY = { warmup: 100, samples: 1_000, pauseMs: 15 };
const BURST = { events: 2_000, inFlight: 64 };
// `postEvents`' batches of ten, 16 batches (160 events) in flight.
const BATCH_BURST = { events: 10_000, inFlight: 16, batch: 10 };
const RATES = { perSecond: [50, 100, 250, 500, 1_000, 2_000], seconds: 5, graceMs: 2_000 };
const TARGET = { lambdaP50Ms: 5, lambdaP99Ms: 20, eventsPerSecond: 2_000 };

const load = () => loadavg()[0].toFixed(1);

/** Runs the event bus benchmark and returns its figures as `{ metric, measured, target, verdict }` rows. */
export async function runEventBusSuite() {
  const dir = trackDirectory(mkdtempSync(join(tmpdir(), 'motorcade-bench-event-bus-')));
  const configFile = writeProject(dir);
  const database = await createDatabase(SUITE);
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
      bus: await measureBurst(client, receipts, 'bus', 'benchThree', BURST),
      floor: await measureBurst(client, receipts, 'relayThree', 'benchThree', BURST),
    };
    const httpClient = publisher(cloud, arns, 'http', BURST.inFlight);
    const httpBurst = {
      bus: await measureBurst(httpClient, receipts, 'bus', 'benchThree', BURST),
      floor: await measureBurst(httpClient, receipts, 'relayThree', 'benchThree', BURST),
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
    const hold = { seconds: RATES.seconds, graceMs: RATES.graceMs };
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
            : await measureRate(client, receipts, 'bus', 'benchThree', { ...hold, perSecond }),
        floor:
          previous && !previous.floor.sustained
            ? notTried(perSecond)
            : await measureRate(client, receipts, 'relayThree', 'benchThree', { ...hold, perSecond }),
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
