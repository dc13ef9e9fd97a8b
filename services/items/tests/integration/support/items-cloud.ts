import { createEvent, invoke, invokeAsync } from '@motorcade/lambda';
import pg from 'pg';
import { startServiceCloud } from '../../../../../test/support/service-cloud.js';
import { type ApiResponse, request } from '../../../../users/tests/support/api-client.js';
import {
  type IdentityCloud,
  TEST_ENV,
  TEST_JWT_SECRET,
} from '../../../../users/tests/support/identity-cloud.js';
import type { Tenant } from '../../../../users/tests/support/tenants.js';

/** The stacks the items suite runs: the bus, both identity services and items. */
export interface ItemsCloud extends IdentityCloud {
  /** The gateway URL of the items API. */
  readonly items: string;
  /** The test database: the bus's log and the items tables, for what only they can tell. */
  readonly db: pg.Pool;
  /** Posts an event through the bus's SendEvent as another service would; answers its publish key. */
  post(type: string, detail: Record<string, unknown>): Promise<string>;
  /** Fires a schedule of the items stack now, as `motorcade trigger` does. */
  trigger(logicalId: string): Promise<void>;
}

/**
 * Starts a local cloud with event-bus, users, clients and items on a fresh database, and points
 * the AWS SDK of this process at its edge (as a function of another stack would be).
 * @example
 * const cloud = await startItemsCloud();
 */
export async function startItemsCloud(): Promise<ItemsCloud> {
  const system = await startServiceCloud({
    env: TEST_ENV,
    services: {
      'event-bus': {
        template: 'services/event-bus/template.yaml',
        parameters: { OpsTokenSecret: 'ops-token-of-the-items-tests' },
      },
      users: { template: 'services/users/template.yaml', parameters: { JwtSecret: TEST_JWT_SECRET } },
      clients: { template: 'services/clients/template.yaml' },
      items: { template: 'services/items/template.yaml' },
    },
  });
  process.env.AWS_ENDPOINT_URL = system.cloud.edgeUrl;
  process.env.AWS_ACCESS_KEY_ID = `motorcade-${TEST_ENV}`;
  process.env.AWS_SECRET_ACCESS_KEY = 'motorcade';
  process.env.AWS_REGION = 'eu-west-1';
  const busStack = `${TEST_ENV}-event-bus`;
  const sendEventArn = system.stacks.find((stack) => stack.name === busStack)?.exports[
    `${busStack}-SendEventArn`
  ];
  if (!sendEventArn) throw new Error(`${busStack} exports no SendEventArn`);
  const db = new pg.Pool({ connectionString: system.database.url, max: 2 });
  return {
    ...system,
    items: system.api('items'),
    db,
    async call(service, logicalId, payload, result) {
      const name = system.stacks.find((record) => record.service === service)?.resources[logicalId]
        ?.physicalId;
      if (!name) throw new Error(`No function ${logicalId} in the ${service} stack`);
      return invoke(name, payload, { result });
    },
    async post(type, detail) {
      const envelope = createEvent(type, detail, 'allocation');
      await invokeAsync(sendEventArn, envelope);
      return envelope.id;
    },
    async trigger(logicalId) {
      const response = await fetch(
        `${system.cloud.edgeUrl}/_motorcade/schedules/trigger?env=${TEST_ENV}&stack=${TEST_ENV}-items&logicalId=${logicalId}`,
        { method: 'POST' },
      );
      if (!response.ok) throw new Error(`trigger answered ${response.status}: ${await response.text()}`);
    },
    async stop() {
      await db.end();
      await system.stop();
    },
  };
}

/**
 * A new client system of the tenant and an API key of it with these scopes, made by the tenant's
 * admin through the clients API.
 * @example
 * const shop = await newClientKey(cloud, acme, 'Web shop', ['items:read', 'items:write']);
 */
export async function newClientKey(
  cloud: ItemsCloud,
  tenant: Tenant,
  name: string,
  scopes: readonly string[],
): Promise<{ clientId: string; key: string }> {
  const api = cloud.api('clients');
  const client = await request<{ id: string }>('POST', api, { token: tenant.tokens.admin, body: { name } });
  if (client.status !== 201)
    throw new Error(`Creating client ${name} failed: ${JSON.stringify(client.body)}`);
  const key = await request<{ key: string }>('POST', `${api}/${client.body.id}/keys`, {
    token: tenant.tokens.admin,
    body: { scopes },
  });
  if (key.status !== 201) throw new Error(`Creating a key failed: ${JSON.stringify(key.body)}`);
  return { clientId: client.body.id, key: key.body.key };
}

/** An item as the API answers it. */
export interface ItemBody {
  readonly itemId: string;
  readonly orgId: string;
  readonly clientId: string;
  readonly reference: string;
  readonly status: string;
  readonly vehicleId: string | null;
  readonly driverId: string | null;
  readonly window: { from: string; to: string };
}

/** The error body's code, message and fields. */
export function errorOf(response: ApiResponse<unknown>): {
  code?: string;
  message?: string;
  fields?: { path: string; message: string }[];
} {
  return (response.body as { error?: Record<string, never> }).error ?? {};
}
