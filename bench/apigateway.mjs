// API Gateway throughput: requests/s and p50/p99 at 10 concurrent keep-alive connections for a
// trivial handler, without and with a (cached) TOKEN authorizer. Prints figures; never fails on
// time. Run after `npm run build`: `node bench/apigateway.mjs [seconds]`.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { apiGatewayService, GatewayServer } from '../packages/cloud/dist/apigateway/index.js';
import { LocalCloud, loadProjectConfig } from '../packages/cloud/dist/index.js';

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
  const starts = new Map();
  let cloud;
  let gateway;
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
    console.log(
      `API Gateway benchmark: ${CONNECTIONS} keep-alive connections, ${SECONDS} s per case, Node ${process.version}`,
    );
    console.log('deploying the bench stack...');
    cloud = await LocalCloud.start({
      environments: [
        {
          name: 'local',
          accountId: '000000000000',
          region: 'eu-west-1',
          concurrency: 100,
          stateDir: join(dir, '.motorcade', 'local'),
        },
      ],
      logSink: (entry) => {
        if (entry.line.startsWith('START'))
          starts.set(
            entry.functionName.split('-')[2],
            (starts.get(entry.functionName.split('-')[2]) ?? 0) + 1,
          );
      },
      services: [apiGatewayService],
    });
    await cloud.deployProject(await loadProjectConfig(configFile), 'local');
    gateway = new GatewayServer({ environments: cloud.environments });
    await gateway.listen(0);
    const open = await measure('trivial handler, no authorizer', `${gateway.url}/bench/open`);
    await measure('trivial handler, cached TOKEN auth', `${gateway.url}/bench/guarded`, {
      Authorization: 'token-1',
    });
    console.log('invocations by function:', Object.fromEntries(starts));
    console.log(
      `target without authorizer: >= ${TARGET_RPS} req/s — ${open >= TARGET_RPS ? 'met' : 'NOT met'}`,
    );
  } finally {
    await gateway?.close();
    await cloud?.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
