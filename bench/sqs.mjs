/**
 * SQS benchmark: send → handler latency through an event source mapping (the real SDK's
 * SendMessage against the edge, timestamps taken in the handler) and the throughput of a mapping
 * with batch size 10 and a trivial handler (messages/s while it drains a full queue).
 *
 *   npm run build && node bench/sqs.mjs
 *
 * The local cloud runs in this process (the SDK client shares its event loop, which only adds to
 * the latency measured); handlers run in worker threads as always.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { LocalCloud, loadProjectConfig } from '../packages/cloud/dist/index.js';
import { sqsApiRoutes, sqsService } from '../packages/cloud/dist/sqs/index.js';
import { trackDirectory } from './lib/cleanup.mjs';
import { ms, table } from './lib/format.mjs';
import { progress, say } from './lib/progress.mjs';
import { runIfMain } from './lib/standalone.mjs';
import { summarize } from './lib/stats.mjs';

const SUITE = 'sqs';
const ACCOUNT_ID = '000000000000';
const LATENCY_WARMUP = 200;
const LATENCY_SAMPLES = 2_000;
const THROUGHPUT_MESSAGES = 30_000;
const TARGET = { latencyP50Ms: 5, throughputPerSecond: 5_000 };

/** Records, per message whose body starts with `L`, the time it reached the handler (epoch ms, sub-ms). */
const HANDLER = `import { appendFileSync } from 'node:fs';
export const handler = async (event) => {
  const now = performance.timeOrigin + performance.now();
  let lines = '';
  for (const record of event.Records) if (record.body.startsWith('L')) lines += record.body + ' ' + now + '\\n';
  if (lines) appendFileSync(process.env.TIMES_FILE, lines);
};
`;

function writeProject(dir) {
  mkdirSync(join(dir, 'fn'), { recursive: true });
  writeFileSync(join(dir, 'fn', 'index.mjs'), HANDLER);
  writeFileSync(
    join(dir, 'template.yaml'),
    `AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Resources:
  Work:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: bench-work
  Consumer:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: bench-consumer
      CodeUri: fn
      Handler: index.handler
      Runtime: nodejs22.x
      Timeout: 10
      Environment:
        Variables:
          TIMES_FILE: ${join(dir, 'times.txt')}
      Events:
        Work:
          Type: SQS
          Properties:
            Queue: !GetAtt Work.Arn
            BatchSize: 10
`,
  );
  const file = join(dir, 'motorcade.config.json');
  writeFileSync(
    file,
    JSON.stringify({
      services: { sqs: { template: 'template.yaml' } },
      environments: { bench: { account: ACCOUNT_ID, region: 'eu-west-1', concurrency: 1000 } },
    }),
  );
  return file;
}

const now = () => performance.timeOrigin + performance.now();
const sleep = (msec) => new Promise((resolve) => setTimeout(resolve, msec));

async function waitUntil(check, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(1);
  }
}

/** Sends one message at a time (a short pause between), and pairs each send with its handler timestamp. */
async function measureLatency(client, queueUrl, timesFile) {
  const sentAt = new Map();
  const total = LATENCY_WARMUP + LATENCY_SAMPLES;
  const tick = progress(SUITE, 'send → handler latency', total);
  for (let index = 0; index < total; index += 1) {
    const body = `L${index}`;
    sentAt.set(body, now());
    await client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body }));
    tick(index + 1);
    await sleep(2);
  }
  const handled = new Map();
  await waitUntil(
    () => {
      try {
        for (const line of readFileSync(timesFile, 'utf8').split('\n')) {
          const [body, at] = line.split(' ');
          if (body) handled.set(body, Number(at));
        }
      } catch {}
      return handled.size >= total;
    },
    30_000,
    'every latency message to be handled',
  );
  const samples = [];
  for (let index = LATENCY_WARMUP; index < total; index += 1) {
    const body = `L${index}`;
    samples.push(handled.get(body) - sentAt.get(body));
  }
  return summarize(samples);
}

/** Fills the queue with the mapping stopped, restarts it, and times the drain. */
async function measureThroughput(sqs, queue, mappingId) {
  const config = sqs.eventSourceMapping(mappingId);
  await sqs.removeEventSourceMapping(mappingId);
  say(SUITE, `filling the queue with ${THROUGHPUT_MESSAGES} messages`);
  for (let index = 0; index < THROUGHPUT_MESSAGES; index += 1)
    sqs.sendMessage(queue, { MessageBody: `T${index}` }, ACCOUNT_ID);
  const started = now();
  sqs.addEventSourceMapping(config);
  const tick = progress(SUITE, 'draining through the mapping', THROUGHPUT_MESSAGES);
  await waitUntil(
    () => {
      const stats = queue.stats();
      tick(THROUGHPUT_MESSAGES - stats.visible - stats.inFlight);
      return stats.visible + stats.inFlight === 0;
    },
    120_000,
    'the queue to drain',
  );
  const seconds = (now() - started) / 1000;
  return { seconds, perSecond: THROUGHPUT_MESSAGES / seconds, concurrency: config.maximumConcurrency ?? 5 };
}

/** Runs the SQS benchmark and returns its figures as `{ metric, measured, target, verdict }` rows. */
export async function runSqsSuite() {
  const dir = trackDirectory(mkdtempSync(join(tmpdir(), 'motorcade-bench-sqs-')));
  const configFile = writeProject(dir);
  const cloud = await LocalCloud.start({
    environments: [
      {
        name: 'bench',
        accountId: ACCOUNT_ID,
        region: 'eu-west-1',
        concurrency: 1000,
        stateDir: join(dir, 'state'),
      },
    ],
    logSink: () => {},
    services: [sqsService],
    routes: [sqsApiRoutes],
  });
  try {
    const [stack] = await cloud.deployProject(await loadProjectConfig(configFile), 'bench');
    const sqs = cloud.environment('bench').service('sqs');
    const queue = sqs.queueByName('bench-work');
    const mappingId = stack.resources.ConsumerWork.physicalId;
    const client = new SQSClient({
      endpoint: cloud.edgeUrl,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'motorcade-bench', secretAccessKey: 'motorcade' },
    });
    const latency = await measureLatency(client, sqs.queueUrl('bench-work'), join(dir, 'times.txt'));
    client.destroy();
    const throughput = await measureThroughput(sqs, queue, mappingId);
    say(
      SUITE,
      `\n${table(
        ['send → handler', 'n', 'p50', 'p99', 'mean', 'max'],
        [['SDK SendMessage', latency.n, ms(latency.p50), ms(latency.p99), ms(latency.mean), ms(latency.max)]],
        'lrrrrr',
      )}`,
    );
    say(
      SUITE,
      `throughput: ${THROUGHPUT_MESSAGES} messages in ${throughput.seconds.toFixed(2)} s, batch size 10, ${throughput.concurrency} concurrent batches`,
    );
    return [
      {
        metric: 'send → handler latency p50',
        measured: ms(latency.p50),
        target: `≤ ${ms(TARGET.latencyP50Ms)}`,
        verdict:
          latency.p50 <= TARGET.latencyP50Ms ? 'within' : `over by ${ms(latency.p50 - TARGET.latencyP50Ms)}`,
      },
      { metric: 'send → handler latency p99', measured: ms(latency.p99), target: '', verdict: '' },
      {
        metric: 'mapping throughput (batch 10)',
        measured: `${Math.round(throughput.perSecond)} msg/s`,
        target: `≥ ${TARGET.throughputPerSecond} msg/s`,
        verdict: throughput.perSecond >= TARGET.throughputPerSecond ? 'within' : 'under',
      },
    ];
  } finally {
    await cloud.stop();
  }
}

await runIfMain(import.meta.url, runSqsSuite);
