import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { SQSClient } from '@aws-sdk/client-sqs';
import { createEvent, invoke } from '@motorcade/lambda';
import pg from 'pg';
import { startServiceCloud } from '../../../../../test/support/service-cloud.js';
import {
  type IdentityCloud,
  TEST_ENV,
  TEST_JWT_SECRET,
} from '../../../../users/tests/support/identity-cloud.js';

const FEED_SERVICE = 'position-feed';

/** The local cloud of the realtime tests, with what they talk to it through. */
export interface RealtimeCloud extends IdentityCloud {
  /** `ws://…/realtime`, the dashboard's WebSocket endpoint on the gateway. */
  readonly webSocketUrl: string;
  /** The fixture's position feed queue (standing in for tracking's). */
  readonly feedQueueUrl: string;
  readonly sqs: SQSClient;
  /** The test database (the `realtime` schema), for what only it can tell. */
  readonly db: pg.Pool;
  /** Posts a fleet event through the bus's SendEvent (synchronously) and returns the bus's event id. */
  postEvent(type: string, detail: Record<string, unknown>): Promise<string>;
}

/**
 * Starts a local cloud with the event bus, users, realtime and a fixture stack exporting a position
 * feed queue (TrackingStackName points at it), on a fresh database.
 * @example
 * const cloud = await startRealtimeCloud();
 */
export async function startRealtimeCloud(): Promise<RealtimeCloud> {
  const system = await startServiceCloud({
    env: TEST_ENV,
    services: {
      'event-bus': {
        template: 'services/event-bus/template.yaml',
        parameters: { OpsTokenSecret: 'ops-token-of-the-realtime-tests' },
      },
      users: { template: 'services/users/template.yaml', parameters: { JwtSecret: TEST_JWT_SECRET } },
      [FEED_SERVICE]: {
        template: 'services/realtime/tests/integration/fixtures/position-feed/template.yaml',
      },
      realtime: { template: 'services/realtime/template.yaml' },
    },
    parameters: {
      EventBusStackName: '${env}-event-bus',
      UsersStackName: '${env}-users',
      TrackingStackName: `\${env}-${FEED_SERVICE}`,
    },
  });
  process.env.AWS_ENDPOINT_URL = system.cloud.edgeUrl;
  process.env.AWS_ACCESS_KEY_ID = `motorcade-${TEST_ENV}`;
  process.env.AWS_SECRET_ACCESS_KEY = 'motorcade';
  process.env.AWS_REGION = 'eu-west-1';
  const output = (service: string, key: string): string => {
    const stack = system.stacks.find((record) => record.service === service);
    const value = stack?.outputs[key] ?? stack?.exports[`${stack.name}-${key}`];
    if (!value) throw new Error(`The ${service} stack has no output ${key}`);
    return value;
  };
  const sendEventArn = output('event-bus', 'SendEventArn');
  const lambda = new LambdaClient({});
  const db = new pg.Pool({ connectionString: system.database.url, max: 2 });
  const sqs = new SQSClient({});
  return {
    ...system,
    webSocketUrl: `${(system.cloud.gateway?.url ?? '').replace(/^http/, 'ws')}/realtime`,
    feedQueueUrl: output(FEED_SERVICE, 'PositionFeedQueueUrl'),
    sqs,
    db,
    async call(service, logicalId, payload, result) {
      const stack = system.stacks.find((record) => record.service === service);
      const name = stack?.resources[logicalId]?.physicalId;
      if (!name) throw new Error(`No function ${logicalId} in the ${service} stack`);
      return invoke(name, payload, { result });
    },
    async postEvent(type, detail) {
      const answer = await lambda.send(
        new InvokeCommand({
          FunctionName: sendEventArn,
          Payload: JSON.stringify(createEvent(type, detail, 'realtime-tests')),
        }),
      );
      const text = Buffer.from(answer.Payload ?? []).toString('utf8');
      const result = JSON.parse(text) as { accepted?: boolean; eventId?: string };
      if (answer.FunctionError || !result.accepted || !result.eventId)
        throw new Error(`SendEvent did not accept the event: ${text}`);
      return result.eventId;
    },
    async stop() {
      sqs.destroy();
      lambda.destroy();
      await db.end();
      await system.stop();
    },
  };
}
