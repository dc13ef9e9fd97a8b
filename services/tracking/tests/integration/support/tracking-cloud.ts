import { GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import { invoke } from '@motorcade/lambda';
import pg from 'pg';
import type { z } from 'zod';
import { type ServiceCloud, startServiceCloud } from '../../../../../test/support/service-cloud.js';
import { request } from '../../../../users/tests/support/api-client.js';
import { TEST_ENV, TEST_JWT_SECRET } from '../../../../users/tests/support/identity-cloud.js';
import type { Tenant } from '../../../../users/tests/support/tenants.js';

/** The silence after which the test stack takes a device for offline: short, so a test can wait it out. */
export const TEST_OFFLINE_SECONDS = 3;

/** A device registered through the devices API, with its secret. */
export interface RegisteredDevice {
  readonly id: string;
  readonly vehicleId: string;
  readonly uniqueId: string;
  readonly secret: string;
}

/** The fleet's identity stacks, the event bus and tracking on one local cloud with an MQTT broker. */
export interface TrackingCloud extends ServiceCloud {
  readonly db: pg.Pool;
  readonly sqs: SQSClient;
  readonly feedQueueUrl: string;
  /** Calls a function of a deployed stack by logical id, as another stack would (`invoke`). */
  call<T>(service: string, logicalId: string, payload: unknown, result: z.ZodType<T>): Promise<T>;
  /** Registers a device for a vehicle through the devices API (as the tenant's admin). */
  register(tenant: Tenant, vehicleId: string, uniqueId?: string): Promise<RegisteredDevice>;
  /** Fires the presence sweep now, as `motorcade trigger` does. */
  triggerSweep(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts event-bus, users, clients, devices and tracking on a fresh database, with the broker's
 * device authorizer, and points the AWS SDK of the test process at the edge.
 * @example
 * const cloud = await startTrackingCloud();
 */
export async function startTrackingCloud(): Promise<TrackingCloud> {
  const system = await startServiceCloud({
    env: TEST_ENV,
    services: {
      'event-bus': {
        template: 'services/event-bus/template.yaml',
        parameters: { OpsTokenSecret: 'ops-token-of-the-tracking-tests' },
      },
      users: { template: 'services/users/template.yaml', parameters: { JwtSecret: TEST_JWT_SECRET } },
      clients: { template: 'services/clients/template.yaml' },
      devices: { template: 'services/devices/template.yaml' },
      tracking: {
        template: 'services/tracking/template.yaml',
        parameters: { OfflineTimeoutSeconds: String(TEST_OFFLINE_SECONDS) },
      },
    },
    cloud: { mqtt: { port: 0, authorizer: 'devices.MqttAuthorizer' } },
  });
  process.env.AWS_ENDPOINT_URL = system.cloud.edgeUrl;
  process.env.AWS_ACCESS_KEY_ID = `motorcade-${TEST_ENV}`;
  process.env.AWS_SECRET_ACCESS_KEY = 'motorcade';
  process.env.AWS_REGION = 'eu-west-1';
  const tracking = system.stacks.find((stack) => stack.service === 'tracking');
  const feedArn = tracking?.exports[`${TEST_ENV}-tracking-PositionFeedQueueArn`];
  if (!feedArn) throw new Error('The tracking stack exports no PositionFeedQueueArn');
  const sqs = new SQSClient({});
  const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: feedArn.split(':').at(-1) }));
  const db = new pg.Pool({ connectionString: system.database.url, max: 2 });
  return {
    ...system,
    db,
    sqs,
    feedQueueUrl: QueueUrl ?? '',
    async call(service, logicalId, payload, result) {
      const stack = system.stacks.find((record) => record.service === service);
      const name = stack?.resources[logicalId]?.physicalId;
      if (!name) throw new Error(`No function ${logicalId} in the ${service} stack`);
      return invoke(name, payload, { result });
    },
    async register(tenant, vehicleId, uniqueId) {
      const response = await request<RegisteredDevice>('POST', system.api('devices'), {
        token: tenant.tokens.admin,
        body: { vehicleId, ...(uniqueId ? { uniqueId } : {}) },
      });
      if (response.status !== 201) throw new Error(`Registering failed: ${JSON.stringify(response.body)}`);
      return response.body;
    },
    async triggerSweep() {
      const response = await fetch(
        `${system.cloud.edgeUrl}/_motorcade/schedules/trigger?env=${TEST_ENV}&stack=${TEST_ENV}-tracking&logicalId=SweepPresenceEveryMinute`,
        { method: 'POST' },
      );
      if (!response.ok) throw new Error(`trigger answered ${response.status}: ${await response.text()}`);
    },
    async close() {
      sqs.destroy();
      await db.end();
      await system.stop();
    },
  };
}
