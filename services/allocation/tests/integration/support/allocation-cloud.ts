import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import {
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  SendMessageBatchCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { createEvent, type EventEnvelope } from '@motorcade/lambda';
import pg from 'pg';
import { type ServiceCloud, startServiceCloud } from '../../../../../test/support/service-cloud.js';
import { waitFor } from '../../../../event-bus/tests/integration/support/wait-for.js';
import type { IdentityCloud } from '../../../../users/tests/support/identity-cloud.js';
import { TEST_JWT_SECRET } from '../../../../users/tests/support/identity-cloud.js';

export const ENV = 'test';
const OPS_TOKEN = 'ops-token-used-only-by-allocation-tests';
/** The stand-in for tracking: its stack name is what TrackingStackName points at. */
const TRACKING_FIXTURE = 'fixed-tracking';

/** An event as the bus logged it. */
export interface LoggedEvent {
  readonly id: string;
  readonly type: string;
  readonly detail: Record<string, unknown>;
  readonly causation_id: string | null;
}

/** The local cloud of allocation's tests and what they talk to it with. */
export interface AllocationCloud {
  readonly system: ServiceCloud;
  /** The shape `seedTenant` and `login` of the users tests want. */
  readonly identity: IdentityCloud;
  readonly api: string;
  /** The test database (every stack's schema). */
  readonly db: pg.Pool;
  /** Posts an event through the bus (a synchronous SendEvent) and returns the bus's id for it. */
  publish(type: string, detail: unknown): Promise<string>;
  /** Sends bus-shaped envelopes straight to allocation's queue, as the bus's sqs listener would. */
  sendToInbox(envelopes: readonly EventEnvelope[]): Promise<void>;
  /** Waits until allocation's queue holds no message, visible or in flight. */
  inboxDrained(): Promise<void>;
  /** The bus's log of events of a type whose detail has the given fields. */
  events(type: string, match: Record<string, string>): Promise<LoggedEvent[]>;
  /** Waits for the first logged event of a type matching the fields. */
  waitForEvent(type: string, match: Record<string, string>): Promise<LoggedEvent>;
  /** Invokes the sweep now, synchronously, as its schedule would. */
  sweep(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Deploys the event bus, users, a fixed-position tracking stand-in and allocation (offers expire
 * after `offerTtlSeconds`) on a local cloud with a fresh database.
 * @example
 * const cloud = await startAllocationCloud({ offerTtlSeconds: 15 });
 */
export async function startAllocationCloud(options: { offerTtlSeconds: number }): Promise<AllocationCloud> {
  const system = await startServiceCloud({
    env: ENV,
    services: {
      'event-bus': {
        template: 'services/event-bus/template.yaml',
        parameters: { OpsTokenSecret: OPS_TOKEN },
      },
      users: { template: 'services/users/template.yaml', parameters: { JwtSecret: TEST_JWT_SECRET } },
      [TRACKING_FIXTURE]: {
        template: `services/allocation/tests/integration/fixtures/${TRACKING_FIXTURE}/template.yaml`,
      },
      allocation: {
        template: 'services/allocation/template.yaml',
        parameters: { OfferTtlSeconds: String(options.offerTtlSeconds) },
      },
    },
    parameters: {
      EventBusStackName: '${env}-event-bus',
      UsersStackName: '${env}-users',
      TrackingStackName: `\${env}-${TRACKING_FIXTURE}`,
    },
  });
  const clientConfig = {
    endpoint: system.cloud.edgeUrl,
    region: 'eu-west-1',
    credentials: { accessKeyId: `motorcade-${ENV}`, secretAccessKey: 'motorcade' },
  };
  const lambda = new LambdaClient(clientConfig);
  const sqs = new SQSClient(clientConfig);
  const db = new pg.Pool({ connectionString: system.database.url, max: 2 });
  const physicalId = (service: string, logicalId: string): string => {
    const id = system.stacks.find((stack) => stack.service === service)?.resources[logicalId]?.physicalId;
    if (!id) throw new Error(`No ${logicalId} in the ${service} stack`);
    return id;
  };
  const invokeSync = async (functionName: string, payload: unknown): Promise<unknown> => {
    const result = await lambda.send(
      new InvokeCommand({ FunctionName: functionName, Payload: JSON.stringify(payload) }),
    );
    const text = Buffer.from(result.Payload ?? []).toString('utf8');
    if (result.FunctionError) throw new Error(`${functionName} failed: ${text}`);
    return text === '' ? undefined : JSON.parse(text);
  };
  const inbox = physicalId('allocation', 'Inbox');
  const inboxUrl = inbox.startsWith('http')
    ? inbox
    : ((await sqs.send(new GetQueueUrlCommand({ QueueName: inbox.split(':').pop() ?? inbox }))).QueueUrl ??
      '');
  const events = async (type: string, match: Record<string, string>): Promise<LoggedEvent[]> => {
    const { rows } = await db.query<LoggedEvent>(
      `SELECT id::text AS id, type, detail, causation_id FROM event_bus.events
       WHERE type = $1 AND detail::jsonb @> $2::jsonb ORDER BY id`,
      [type, JSON.stringify(match)],
    );
    return rows;
  };
  const identity: IdentityCloud = {
    ...system,
    call: async (service, logicalId, payload, result) =>
      result.parse(await invokeSync(physicalId(service, logicalId), payload)),
  };
  process.env.AWS_ENDPOINT_URL = system.cloud.edgeUrl;
  process.env.AWS_ACCESS_KEY_ID = `motorcade-${ENV}`;
  process.env.AWS_SECRET_ACCESS_KEY = 'motorcade';
  process.env.AWS_REGION = 'eu-west-1';

  return {
    system,
    identity,
    api: system.api('allocation'),
    db,
    async publish(type, detail) {
      const answer = (await invokeSync(
        physicalId('event-bus', 'SendEvent'),
        createEvent(type, detail, 'tests'),
      )) as {
        accepted: boolean;
        eventId?: string;
      };
      if (!answer.accepted || !answer.eventId)
        throw new Error(`The bus refused ${type}: ${JSON.stringify(answer)}`);
      return answer.eventId;
    },
    async sendToInbox(envelopes) {
      for (let start = 0; start < envelopes.length; start += 10) {
        const batch = envelopes.slice(start, start + 10);
        const result = await sqs.send(
          new SendMessageBatchCommand({
            QueueUrl: inboxUrl,
            Entries: batch.map((envelope, index) => ({
              Id: String(index),
              MessageBody: JSON.stringify(envelope),
            })),
          }),
        );
        if (result.Failed?.length)
          throw new Error(`SendMessageBatch failed: ${JSON.stringify(result.Failed)}`);
      }
    },
    async inboxDrained() {
      await waitFor(
        async () => {
          const { Attributes } = await sqs.send(
            new GetQueueAttributesCommand({
              QueueUrl: inboxUrl,
              AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
            }),
          );
          const waiting =
            Number(Attributes?.ApproximateNumberOfMessages ?? 1) +
            Number(Attributes?.ApproximateNumberOfMessagesNotVisible ?? 1);
          return waiting === 0 ? true : undefined;
        },
        { what: "allocation's queue to drain", timeoutMs: 30_000, intervalMs: 100 },
      );
    },
    events,
    waitForEvent: (type, match) =>
      waitFor(async () => (await events(type, match))[0], {
        what: `${type} ${JSON.stringify(match)} on the bus`,
        timeoutMs: 30_000,
        intervalMs: 100,
      }),
    async sweep() {
      await invokeSync(physicalId('allocation', 'SweepOffers'), {
        version: '0',
        id: 'test-sweep',
        'detail-type': 'Scheduled Event',
        source: 'aws.events',
        account: '123456789012',
        time: new Date().toISOString(),
        region: 'eu-west-1',
        resources: [],
        detail: {},
      });
    },
    async stop() {
      lambda.destroy();
      sqs.destroy();
      await db.end();
      await system.stop();
    },
  };
}
