import { resolve } from 'node:path';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { StackRecord } from '@motorcade/cloud';
import { createEvent, type EventEnvelope } from '@motorcade/lambda';
import pg from 'pg';
import {
  REPO_ROOT,
  type ServiceCloud,
  startServiceCloud,
} from '../../../../../test/support/service-cloud.js';

export const ENV = 'test';
export const BUS_STACK = `${ENV}-event-bus`;
export const OPS_TOKEN = 'ops-token-used-only-by-these-tests';
const FIXTURES = 'services/event-bus/tests/fixtures';

/** The fixture services a suite may deploy beside the bus. */
export type FixtureService = 'lambda-listener' | 'sqs-listener';

/** What SendEvent answers a synchronous call with. */
export interface SendResult {
  readonly accepted: boolean;
  readonly eventId?: string;
  readonly duplicate?: boolean;
  readonly delivered?: number;
  readonly failed?: number;
  readonly code?: string;
  readonly message?: string;
}

/** A local cloud with the event bus and fixture services, and the clients tests talk to it with. */
export interface BusSystem {
  readonly system: ServiceCloud;
  readonly sendEventArn: string;
  readonly lambda: LambdaClient;
  readonly sqs: SQSClient;
  /** The test database (the bus's and the fixtures' schemas), for what only it can tell. */
  readonly db: pg.Pool;
  /** Calls the ops API with the ops token (or the headers given). */
  ops<T = unknown>(
    path: string,
    init?: { method?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<{ status: number; body: T }>;
  /** Posts an event as `postEvent` does: an asynchronous invoke of SendEvent (202). */
  post<T>(type: string, detail: T, overrides?: Partial<EventEnvelope<T>>): Promise<EventEnvelope<T>>;
  /** Invokes SendEvent synchronously with an envelope and returns its answer. */
  send(envelope: unknown): Promise<SendResult>;
  /** Rows a fixture listener recorded, by its schema. */
  received(
    schema: 'bus_fixture_lambda' | 'bus_fixture_sqs',
    where?: string,
    values?: unknown[],
  ): Promise<ReceivedRow[]>;
  /** Fires the retry sweep's schedule now, as `motorcade trigger` does. */
  triggerSweep(): Promise<void>;
  /** Deploys (creates or updates) a fixture stack with extra parameters. */
  deploy(service: FixtureService | 'bad-listener', parameters?: Record<string, string>): Promise<StackRecord>;
  /** Deletes a stack through the local cloud's API, as `motorcade destroy` does. */
  destroy(stackName: string): Promise<void>;
  stop(): Promise<void>;
}

/** A fixture's record of one delivery it handled. */
export interface ReceivedRow {
  readonly receiver: string;
  readonly event_id: string;
  readonly type: string;
  readonly detail: Record<string, unknown>;
  readonly correlation_id: string;
  readonly causation_id: string | null;
  readonly envelope: Record<string, unknown>;
}

/**
 * Starts a local cloud with the event bus (its parameters overridable) and the fixture services,
 * on a fresh database.
 * @example
 * const bus = await startBus({ fixtures: ['lambda-listener'], busParameters: { RetryBaseSeconds: '0' } });
 */
export async function startBus(options: {
  readonly fixtures: readonly FixtureService[];
  readonly busParameters?: Record<string, string>;
}): Promise<BusSystem> {
  const system = await startServiceCloud({
    env: ENV,
    services: {
      'event-bus': {
        template: 'services/event-bus/template.yaml',
        parameters: { OpsTokenSecret: OPS_TOKEN, ...options.busParameters },
      },
      ...Object.fromEntries(
        options.fixtures.map((name) => [name, { template: `${FIXTURES}/${name}/template.yaml` }]),
      ),
    },
  });
  const bus = system.stacks.find((stack) => stack.name === BUS_STACK);
  const sendEventArn = bus?.exports[`${BUS_STACK}-SendEventArn`];
  if (!sendEventArn) throw new Error(`${BUS_STACK} exports no SendEventArn`);
  const clientConfig = {
    endpoint: system.cloud.edgeUrl,
    region: 'eu-west-1',
    credentials: { accessKeyId: `motorcade-${ENV}`, secretAccessKey: 'motorcade' },
  };
  const lambda = new LambdaClient(clientConfig);
  const sqs = new SQSClient(clientConfig);
  const db = new pg.Pool({ connectionString: system.database.url, max: 2 });
  const edge = (path: string, method: string) => fetch(`${system.cloud.edgeUrl}${path}`, { method });

  return {
    system,
    sendEventArn,
    lambda,
    sqs,
    db,
    async ops<T>(
      path: string,
      init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
    ) {
      const response = await fetch(`${system.api('event-bus')}${path}`, {
        method: init.method ?? 'GET',
        headers: {
          authorization: `Bearer ${OPS_TOKEN}`,
          ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...init.headers,
        },
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      });
      const text = await response.text();
      return { status: response.status, body: (text === '' ? undefined : JSON.parse(text)) as T };
    },
    async post(type, detail, overrides = {}) {
      const envelope = { ...createEvent(type, detail, 'tests'), ...overrides };
      const result = await lambda.send(
        new InvokeCommand({
          FunctionName: sendEventArn,
          InvocationType: 'Event',
          Payload: JSON.stringify(envelope),
        }),
      );
      if (result.StatusCode !== 202) throw new Error(`SendEvent answered ${result.StatusCode}`);
      return envelope;
    },
    async send(envelope) {
      const result = await lambda.send(
        new InvokeCommand({ FunctionName: sendEventArn, Payload: JSON.stringify(envelope) }),
      );
      const text = Buffer.from(result.Payload ?? []).toString('utf8');
      if (result.FunctionError) throw new Error(`SendEvent failed: ${text}`);
      return JSON.parse(text) as SendResult;
    },
    async received(schema, where = 'true', values = []) {
      const { rows } = await db.query<ReceivedRow>(
        `SELECT receiver, event_id::text, type, detail, correlation_id, causation_id, envelope
         FROM ${schema}.received WHERE ${where} ORDER BY id`,
        values,
      );
      return rows;
    },
    async triggerSweep() {
      const response = await edge(
        `/_motorcade/schedules/trigger?env=${ENV}&stack=${BUS_STACK}&logicalId=SweepDeliveriesSweep`,
        'POST',
      );
      if (!response.ok) throw new Error(`trigger answered ${response.status}: ${await response.text()}`);
    },
    deploy(service, parameters = {}) {
      return system.cloud.environment(ENV).stacks.deploy({
        stackName: `${ENV}-${service}`,
        service,
        templateFile: resolve(REPO_ROOT, `${FIXTURES}/${service}/template.yaml`),
        parameters: { EventBusStackName: BUS_STACK, DatabaseUrl: system.database.url, ...parameters },
      });
    },
    async destroy(stackName) {
      const response = await edge(`/_motorcade/stacks/${stackName}?env=${ENV}`, 'DELETE');
      if (!response.ok) throw new Error(`destroy answered ${response.status}: ${await response.text()}`);
    },
    async stop() {
      lambda.destroy();
      sqs.destroy();
      await db.end();
      await system.stop();
    },
  };
}
