// API Gateway throughput: requests/s and p50/p99 at 10 concurrent keep-alive connections for a
// trivial handler, without and with a (cached) TOKEN authorizer. Prints figures; never fails on
// time. Run after `npm run build`: `node bench/apigateway.mjs [seconds]`.
//
// The local cloud runs as `motorcade dev` in its own process, as a developer runs it (its
// per-request log lines go to a file). The load comes from `wrk` when it is installed
// (`apt-get install wrk`: a native client in its own process); without it, from a Node client in
// a worker thread of this process, which then competes for the same cores — say which.

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { startNodeProcess } from './lib/node-process.mjs';

const CLI = fileURLToPath(new URL('../packages/cli/bin/motorcade.js', import.meta.url));

const SECONDS = Number(process.argv[2] ?? 5);
const CONNECTIONS = 10;
const TARGET_RPS = 3000;

const TEMPLATE = `Transform: AWS::Serverless-2016-10-31
Globals:
  Function: { Runtime: nodejs22.x, CodeUri: ., Timeout: 5 }
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: Prod
      Auth:
        Authorizers:
          Token: { FunctionArn: !GetAtt Authorizer.Arn, Identity: { ReauthorizeEvery: 300 } }
  Hello:
    Type: AWS::Serverless::Function
    Properties:
      Handler: hello.handler
      Events:
        Open: { Type: Api, Properties: { RestApiId: !Ref Api, Path: /open, Method: get } }
        Guarded: { Type: Api, Properties: { RestApiId: !Ref Api, Path: /guarded, Method: get, Auth: { Authorizer: Token } } }
  Authorizer:
    Type: AWS::Serverless::Function
    Properties: { Handler: authorizer.handler }
`;
const HELLO = `export const handler = async () => ({ statusCode: 200, body: '{"ok":true}' });\n`;
const AUTHORIZER = `export const handler = async (event) => ({ principalId: 'bench', policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: '*' }] } });\n`;

function get(agent, url, headers) {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** Runs the load in a worker thread, so the client does not share the gateway's event loop. */
function measure(label, url, headers) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: { label, url, headers } });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

async function load(label, url, headers) {
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  // Warm up: every connection and execution environment exists before the clock starts.
  await Promise.all(Array.from({ length: CONNECTIONS * 4 }, () => get(agent, url, headers)));
  const latencies = [];
  let failures = 0;
  const endAt = performance.now() + SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < endAt) {
        const t0 = performance.now();
        const status = await get(agent, url, headers);
        latencies.push(performance.now() - t0);
        if (status !== 200) failures += 1;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const pct = (p) =>
    latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))].toFixed(2);
  const rps = latencies.length / elapsed;
  console.log(
    `${label.padEnd(34)} ${rps.toFixed(0).padStart(6)} req/s   p50 ${pct(50)} ms   p99 ${pct(99)} ms   non-200 ${failures}`,
  );
  return rps;
}

if (!isMainThread) {
  const { label, url, headers } = workerData;
  parentPort.postMessage(await load(label, url, headers));
} else {
  const dir = await mkdtemp(join(tmpdir(), 'motorcade-bench-apigw-'));
  let cloud;
  try {
    const serviceDir = join(dir, 'bench');
    await mkdir(serviceDir);
    await writeFile(join(serviceDir, 'template.yaml'), TEMPLATE);
    await writeFile(join(serviceDir, 'hello.mjs'), HELLO);
    await writeFile(join(serviceDir, 'authorizer.mjs'), AUTHORIZER);
    const configFile = join(dir, 'motorcade.config.json');
    await writeFile(
      configFile,
      JSON.stringify({
        services: { bench: { template: join(serviceDir, 'template.yaml') } },
        environments: { local: { account: '000000000000', region: 'eu-west-1', concurrency: 100 } },
      }),
    );
    const wrk = hasWrk();
    console.log(
      `API Gateway benchmark: ${CONNECTIONS} keep-alive connections, ${SECONDS} s per case, Node ${process.version}, load from ${wrk ? 'wrk (its own process)' : 'a Node client in a worker thread of the bench process'}`,
    );
    console.log('starting motorcade dev and deploying the bench stack...');
    cloud = await startNodeProcess({
      args: [
        CLI,
        'dev',
        '--config',
        configFile,
        '--env',
        'local',
        '--port',
        '0',
        '--edge-port',
        '0',
        '--mqtt-port',
        '0',
        '--state-dir',
        join(dir, 'state'),
        '--no-watch',
      ],
      cwd: dir,
      logFile: join(dir, 'motorcade.log'),
      ready: /ready in \d+ ms — gateway (http:\/\/127\.0\.0\.1:\d+)/,
      timeoutMs: 60_000,
    });
    const gateway = cloud.match[1];
    const cases = [
      ['trivial handler, no authorizer', `${gateway}/bench/open`, {}],
      ['trivial handler, cached TOKEN auth', `${gateway}/bench/guarded`, { Authorization: 'token-1' }],
    ];
    const results = [];
    for (const [label, url, headers] of cases) {
      results.push(wrk ? runWrk(label, url, headers) : await measure(label, url, headers));
    }
    const invocations = readFileSync(join(dir, 'motorcade.log'), 'utf8').match(
      /^local-bench-Authorizer \| invoked/gm,
    );
    console.log(`authorizer invocations: ${invocations?.length ?? 0}`);
    console.log(
      `target without authorizer: >= ${TARGET_RPS} req/s — ${results[0] >= TARGET_RPS ? 'met' : 'NOT met'}`,
    );
  } finally {
    await cloud?.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

function hasWrk() {
  return spawnSync('wrk', ['--version']).error === undefined;
}

/** Warms up for 2 s, then measures with wrk; prints and returns requests/s. */
function runWrk(label, url, headers) {
  const headerArgs = Object.entries(headers).flatMap(([name, value]) => ['-H', `${name}: ${value}`]);
  spawnSync('wrk', ['-t2', `-c${CONNECTIONS}`, '-d2s', ...headerArgs, url]);
  const run = spawnSync(
    'wrk',
    ['-t2', `-c${CONNECTIONS}`, `-d${SECONDS}s`, '--latency', ...headerArgs, url],
    {
      encoding: 'utf8',
    },
  );
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(run.stdout)?.[1] ?? 0);
  const p50 = /50%\s+(\S+)/.exec(run.stdout)?.[1] ?? '?';
  const p99 = /99%\s+(\S+)/.exec(run.stdout)?.[1] ?? '?';
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(run.stdout)?.[1] ?? 0);
  console.log(
    `${label.padEnd(34)} ${rps.toFixed(0).padStart(6)} req/s   p50 ${p50}   p99 ${p99}   non-200 ${non2xx}`,
  );
  return rps;
}
