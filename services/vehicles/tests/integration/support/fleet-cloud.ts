import { createEvent, invoke, invokeAsync } from '@motorcade/lambda';
import pg from 'pg';
import type { z } from 'zod';
import { startServiceCloud } from '../../../../../test/support/service-cloud.js';
import type { EventSummary } from '../../../../event-bus/tests/integration/support/ops-views.js';
import type { IdentityCloud } from '../../../../users/tests/support/identity-cloud.js';
import { TEST_ENV, TEST_JWT_SECRET } from '../../../../users/tests/support/identity-cloud.js';

/** The ops API's bearer token in these tests. */
const OPS_TOKEN = 'ops-token-of-the-vehicles-tests';

/** The event bus, users and vehicles on one local cloud, and what the tests do with them. */
export interface FleetCloud extends IdentityCloud {
  /** Calls a vehicles function by logical id (`SeedDemo`). */
  callVehicles<T>(logicalId: string, payload: unknown, result: z.ZodType<T>): Promise<T>;
  /** Posts an event to the bus as another service would (`postEvent`: an async SendEvent). */
  post(type: string, detail: unknown): Promise<void>;
  /** The bus's log of one event type, newest first (its ops API). */
  events(type: string): Promise<EventSummary[]>;
  /** Calls the bus's ops API. */
  ops<T>(path: string, init?: { method?: string; body?: unknown }): Promise<{ status: number; body: T }>;
  /** The test database (the `vehicles` schema among others). */
  readonly db: pg.Pool;
  /** Fires a schedule of the vehicles stack now, as `motorcade trigger` does. */
  trigger(logicalId: string): Promise<void>;
}

/**
 * Deploys event-bus, users and vehicles on a fresh database, as `motorcade dev` would; the test
 * process reaches functions through the edge, as another stack's function would.
 * @example
 * const cloud = await startFleetCloud();
 */
export async function startFleetCloud(): Promise<FleetCloud> {
  const system = await startServiceCloud({
    env: TEST_ENV,
    services: {
      'event-bus': {
        template: 'services/event-bus/template.yaml',
        parameters: { OpsTokenSecret: OPS_TOKEN },
      },
      users: { template: 'services/users/template.yaml', parameters: { JwtSecret: TEST_JWT_SECRET } },
      vehicles: { template: 'services/vehicles/template.yaml' },
    },
  });
  process.env.AWS_ENDPOINT_URL = system.cloud.edgeUrl;
  process.env.AWS_ACCESS_KEY_ID = `motorcade-${TEST_ENV}`;
  process.env.AWS_SECRET_ACCESS_KEY = 'motorcade';
  process.env.AWS_REGION = 'eu-west-1';
  const functionOf = (service: string, logicalId: string): string => {
    const name = system.stacks.find((record) => record.service === service)?.resources[logicalId]?.physicalId;
    if (!name) throw new Error(`No function ${logicalId} in the ${service} stack`);
    return name;
  };
  const ops = async <T>(path: string, init: { method?: string; body?: unknown } = {}) => {
    const response = await fetch(`${system.api('event-bus')}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        authorization: `Bearer ${OPS_TOKEN}`,
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
    const text = await response.text();
    return { status: response.status, body: (text === '' ? undefined : JSON.parse(text)) as T };
  };
  const db = new pg.Pool({ connectionString: system.database.url, max: 2 });
  return {
    ...system,
    db,
    async trigger(logicalId) {
      const response = await fetch(
        `${system.cloud.edgeUrl}/_motorcade/schedules/trigger?env=${TEST_ENV}&stack=${TEST_ENV}-vehicles&logicalId=${logicalId}`,
        { method: 'POST' },
      );
      if (!response.ok) throw new Error(`trigger answered ${response.status}: ${await response.text()}`);
    },
    async stop() {
      await db.end();
      await system.stop();
    },
    call: (service, logicalId, payload, result) =>
      invoke(functionOf(service, logicalId), payload, { result }),
    callVehicles: (logicalId, payload, result) =>
      invoke(functionOf('vehicles', logicalId), payload, { result }),
    async post(type, detail) {
      await invokeAsync(functionOf('event-bus', 'SendEvent'), createEvent(type, detail, 'tests'));
    },
    async events(type) {
      const { status, body } = await ops<{ events: EventSummary[] }>(`/events?type=${type}&limit=200`);
      if (status !== 200) throw new Error(`The bus's ops API answered ${status}`);
      return body.events;
    },
    ops,
  };
}
