/**
 * The project the event bus benchmark deploys: the real `services/event-bus` stack and a stack of
 * bench listeners beside it, written into a temp directory.
 *
 * The listeners are trivial handlers (L1, L2, L3 by invoke; S1 behind the SQS queue Inbox) that post
 * each event's receipt on a BroadcastChannel (see event-bus-receipts.mjs). The floor's relays
 * (RelayOne → L1, RelayThree → L1–L3) are plain handlers, no library, no database, that async-invoke
 * the same listeners: what a bus must at least do.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The environment the bench deploys into; its access key id is `motorcade-bench`. */
export const ENV = 'bench';
export const ACCOUNT_ID = '000000000000';
/** The BroadcastChannel the listeners post their receipts on. */
export const CHANNEL = 'motorcade-bench-event-bus';
/** The three Lambda listeners of event type `benchThree`. */
export const THREE = ['L1', 'L2', 'L3'];

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

/**
 * Writes the listeners' code, their template (functions, the Inbox queue, the relays and the
 * `Custom::EventListener` subscriptions: `benchLatency` → L1, `benchSqsLatency` → Inbox,
 * `benchThree` → L1–L3) and a motorcade.config.json of both stacks into `dir`. Returns the config
 * file's path.
 */
export function writeProject(dir) {
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
          template: fileURLToPath(new URL('../../services/event-bus/template.yaml', import.meta.url)),
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
