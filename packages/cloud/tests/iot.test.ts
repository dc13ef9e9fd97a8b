import { readdir, readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { connectAsync, type IClientOptions, type MqttClient } from 'mqtt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CloudEnvironment, FunctionLogLine, ServiceFactory } from '../src/index.js';
import { IotError, iotService, MqttBroker } from '../src/iot/index.js';
import { createTestProject, type TestProject } from './support/test-project.js';

// Relative to the stack tests' fixture directory, which the test project resolves templates from.
const IOT = { template: '../iot/template.yaml' };
const ACCOUNT = '123456789012';

interface Recorded {
  readonly receiver: string;
  readonly event: Record<string, unknown>;
}

/** A stand-in for the SQS service: records what the rules engine delivers to queues. */
function queueRecorder(sent: { arn: string; body: string }[]): ServiceFactory {
  return {
    name: 'sqs-recorder',
    create: () => ({
      providers: () => ({}),
      owns: (arn) => arn.startsWith('arn:aws:sqs:'),
      deliver: async (arn, body) => {
        sent.push({ arn, body });
      },
      close: async () => {},
    }),
  };
}

/** Everything the fixture functions recorded, once the async invocations have all run (bounded wait). */
async function recorded(project: TestProject, env: CloudEnvironment, receiver: string): Promise<Recorded[]> {
  const deadline = Date.now() + 5000;
  while (env.lambda.stats().pendingAsyncEvents > 0 && Date.now() < deadline) await delay(20);
  const files = (await readdir(project.recordDir)).filter((file) => file.endsWith('.json')).sort();
  const records = await Promise.all(
    files.map(async (file) => JSON.parse(await readFile(join(project.recordDir, file), 'utf8')) as Recorded),
  );
  return records.filter((record) => record.receiver === receiver);
}

describe('IoT: devices over MQTT and topic rules', () => {
  let project: TestProject;
  let env: CloudEnvironment;
  let broker: MqttBroker;
  const clients: MqttClient[] = [];
  const queued: { arn: string; body: string }[] = [];
  const brokerLog: FunctionLogLine[] = [];

  const connect = (clientId: string, username?: string, password?: string): Promise<MqttClient> => {
    const options: IClientOptions = { clientId, reconnectPeriod: 0, connectTimeout: 5000 };
    if (username !== undefined) options.username = username;
    if (password !== undefined) options.password = password;
    return connectAsync(broker.url, options).then((client) => {
      clients.push(client);
      return client;
    });
  };

  beforeEach(async () => {
    queued.length = 0;
    brokerLog.length = 0;
    project = await createTestProject('test', ACCOUNT, { services: [iotService, queueRecorder(queued)] });
    await project.cloud.deployProject(await project.config({ iot: IOT }), 'test');
    env = project.cloud.environment('test');
    broker = new MqttBroker({
      environment: env,
      authorizer: 'iot.DeviceAuthorizer',
      logSink: (line) => brokerLog.push(line),
    });
    await broker.listen(0);
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.endAsync(true)));
    await broker.close();
    await project.dispose();
  });

  it('asks the authorizer with AWS IoT’s custom authorizer event and refuses a device it rejects', async () => {
    // Act
    const connecting = connect('truck-1', 'device', 'wrong');

    // Assess
    await expect(connecting).rejects.toMatchObject({ code: 5 });
    const [call] = await recorded(project, env, 'DeviceAuthorizer');
    expect(call?.event).toEqual({
      signatureVerified: false,
      protocols: ['mqtt'],
      protocolData: {
        mqtt: { username: 'device', password: Buffer.from('wrong').toString('base64'), clientId: 'truck-1' },
      },
      connectionMetadata: { id: expect.stringMatching(/^[0-9a-f-]{36}$/) },
    });
    expect(brokerLog.map((entry) => entry.line)).toContain(
      'MQTT broker: refused the connection of truck-1: the authorizer ' +
        `${env.stacks.get('test-iot')?.resources.DeviceAuthorizer?.physicalId} said no`,
    );
  });

  it('delivers what a rule selects, with topic(2) and clientid(), to its function only when WHERE holds', async () => {
    // Prepare
    const device = await connect('truck-1', 'device', 'secret');

    // Act: QoS 1, so each publish is acknowledged after its rules have been handed over.
    await device.publishAsync('devices/truck-1/position', JSON.stringify({ speed: 5, parked: false }), {
      qos: 1,
    });
    await device.publishAsync('devices/truck-1/position', JSON.stringify({ speed: 70, parked: true }), {
      qos: 1,
    });
    await device.publishAsync(
      'devices/truck-1/position',
      JSON.stringify({ speed: 42, parked: false, position: { lat: 52.37, lon: 4.89 } }),
      { qos: 1 },
    );
    const received = await recorded(project, env, 'Positions');

    // Assess
    expect(received.map((record) => record.event)).toEqual([
      { speed: 42, lat: 52.37, deviceId: 'truck-1', client: 'truck-1' },
    ]);
  });

  it('enforces the authorizer’s policies for subscribe and receive', async () => {
    // Prepare
    const monitor = await connect('dashboard', 'monitor', 'secret');
    const seen: string[] = [];
    monitor.on('message', (topic) => seen.push(topic));
    const truck9 = await connect('truck-9', 'device', 'secret');
    const truck1 = await connect('truck-1', 'device', 'secret');

    // Act
    const granted = await monitor.subscribeAsync('devices/+/position', { qos: 1 });
    const refused = await monitor.subscribeAsync('commands/#', { qos: 1 }).then(
      () => 'granted',
      (error: { packet?: { granted?: readonly unknown[] } }) => error.packet?.granted,
    );
    await truck9.publishAsync('devices/truck-9/position', '{"speed":1}', { qos: 1 });
    await truck1.publishAsync('devices/truck-1/position', '{"speed":2}', { qos: 1 });
    const deadline = Date.now() + 3000;
    while (seen.length === 0 && Date.now() < deadline) await delay(10);

    // Assess: the SUBACK failure code for the filter the policy does not allow; no message iot:Receive denies.
    expect(granted.map((grant) => [grant.topic, grant.qos])).toEqual([['devices/+/position', 1]]);
    expect(refused).toEqual([128]);
    expect(seen).toEqual(['devices/truck-1/position']);
  });

  it.each([
    ['a topic its policy denies', 'devices/truck-1/secrets', 0],
    ['another device’s topic', 'devices/truck-2/position', 0],
    ['with QoS 2, which IoT Core does not support', 'devices/truck-1/position', 2],
  ] as const)('disconnects a device that publishes to %s', async (_case, topic, qos) => {
    // Prepare
    const device = await connect('truck-1', 'device', 'secret');
    const closed = new Promise<void>((resolve) => device.once('close', () => resolve()));

    // Act
    device.publish(topic, '{}', { qos });

    // Assess
    await expect(
      Promise.race([closed.then(() => 'closed'), delay(3000).then(() => 'still open')]),
    ).resolves.toBe('closed');
  });

  it('sends a binary payload to a queue in base64 and reports the Lambda action’s failure to the error action', async () => {
    // Prepare
    const device = await connect('truck-1', 'device', 'secret');
    const payload = Buffer.from([0xde, 0xad, 0xbe, 0xef]);
    const stack = env.stacks.get('test-iot');

    // Act
    await device.publishAsync('devices/truck-1/raw', payload, { qos: 1 });
    const [failure] = await recorded(project, env, 'Failures');

    // Assess
    expect(queued).toEqual([{ arn: `arn:aws:sqs:eu-west-1:${ACCOUNT}:raw-positions`, body: '3q2+7w==' }]);
    expect(failure?.event).toEqual({
      ruleName: stack?.resources.RawToQueue?.physicalId,
      topic: 'devices/truck-1/raw',
      cloudwatchTraceId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      clientId: 'truck-1',
      base64OriginalPayload: '3q2+7w==',
      failures: [
        {
          failedAction: 'LambdaAction',
          failedResource: stack?.resources.Positions?.attributes.Arn,
          errorMessage: expect.stringContaining('The payload is not JSON'),
        },
      ],
    });
    expect(stack?.outputs.RawRuleArn).toBe(
      `arn:aws:iot:eu-west-1:${ACCOUNT}:rule/${stack?.resources.RawToQueue?.physicalId}`,
    );
  });

  it('lets every client connect, publish and subscribe when no authorizer is configured', async () => {
    // Prepare
    await broker.close();
    broker = new MqttBroker({ environment: env });
    await broker.listen(0);
    const anyone = await connect('anyone');
    const messages: string[] = [];
    anyone.on('message', (_topic, message) => messages.push(message.toString()));

    // Act
    await anyone.subscribeAsync('commands/#', { qos: 1 });
    await anyone.publishAsync('commands/all', 'hello', { qos: 1 });
    const deadline = Date.now() + 3000;
    while (messages.length === 0 && Date.now() < deadline) await delay(10);

    // Assess
    expect(messages).toEqual(['hello']);
  });

  it('runs the rules restored from the state directory after a restart', async () => {
    // Prepare
    await broker.close();
    await project.restart();
    env = project.cloud.environment('test');
    broker = new MqttBroker({ environment: env, authorizer: 'iot.DeviceAuthorizer' });
    await broker.listen(0);
    const device = await connect('truck-3', 'device', 'secret');

    // Act
    await device.publishAsync('devices/truck-3/position', '{"speed":11,"parked":false}', { qos: 1 });
    const received = await recorded(project, env, 'Positions');

    // Assess
    expect(received.map((record) => record.event)).toEqual([
      { speed: 11, deviceId: 'truck-3', client: 'truck-3' },
    ]);
  });

  it('takes a free port when the MQTT port is in use, or says the port is taken', async () => {
    // Prepare
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const taken = (blocker.address() as { port: number }).port;
    const fallback = new MqttBroker({ environment: env });
    const strict = new MqttBroker({ environment: env });

    // Act
    const port = await fallback.listen(taken, { fallbackToFreePort: true });
    const refused = strict.listen(taken);

    // Assess
    try {
      expect(port).not.toBe(taken);
      expect(port).toBeGreaterThan(0);
      await expect(refused).rejects.toThrow(IotError);
      await expect(refused).rejects.toThrow(`The MQTT broker cannot listen on 127.0.0.1:${taken}`);
    } finally {
      await fallback.close();
      await strict.close();
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it.each([
    [
      'invalid SQL',
      'bad-sql.yaml',
      /bad-sql\.yaml: resource Rule, property TopicRulePayload\.Sql: expected a quoted topic filter after FROM at character 19/,
    ],
    [
      'an action that is not emulated',
      'dynamodb-action.yaml',
      /dynamodb-action\.yaml: resource Rule, property TopicRulePayload\.Actions\[0\]\.DynamoDBv2: the DynamoDBv2 action is not emulated/,
    ],
  ])('refuses a topic rule with %s, naming file, resource and property', async (_case, file, message) => {
    // Prepare
    const config = await project.config({ broken: { template: `../iot/broken/${file}` } });

    // Act
    const deploying = project.cloud.deployProject(config, 'test');

    // Assess
    await expect(deploying).rejects.toThrow(message);
  });
});
