import { randomUUID } from 'node:crypto';
import { type ApiResponse, request } from '../../../../users/tests/support/api-client.js';
import { seedTenant, type Tenant } from '../../../../users/tests/support/tenants.js';
import { itemRequest } from './item-request.js';
import { type ItemBody, type ItemsCloud, newClientKey, startItemsCloud } from './items-cloud.js';

/** The items cloud seeded with two tenants and acme's web shop, and the calls the tests make on it. */
export interface ItemsSuite {
  readonly cloud: ItemsCloud;
  /** The gateway URL of the items API. */
  readonly api: string;
  readonly acme: Tenant;
  readonly globex: Tenant;
  /** acme's web shop, with items:read and items:write. */
  readonly shop: { clientId: string; key: string };
  /** POSTs a create with this API key and, unless undefined, this Idempotency-Key. */
  create(key: string, idempotencyKey: string | undefined, body: unknown): Promise<ApiResponse<ItemBody>>;
  /** An item the web shop created; throws unless the create answered 201. */
  created(body?: Record<string, unknown>): Promise<ItemBody>;
  /** Calls a client route (a path under the items API) with this API key. */
  asClient(key: string, method: string, path: string): Promise<ApiResponse<ItemBody>>;
  /** Calls a user route (a path under the items API) with this access token. */
  asUser<T = ItemBody>(token: string, method: string, path: string): Promise<ApiResponse<T>>;
  /** What the bus logged of one type for one item, oldest first. */
  busEvents(type: string, itemId: string): Promise<{ id: string; detail: Record<string, unknown> }[]>;
}

/**
 * Starts the items cloud (see {@link startItemsCloud}), seeds the tenants acme and globex and
 * acme's web shop, and binds the suite's calls to them.
 * @example
 * ({ cloud, acme, shop, created } = await startItemsSuite());
 */
export async function startItemsSuite(): Promise<ItemsSuite> {
  const cloud = await startItemsCloud();
  const api = cloud.items;
  const acme = await seedTenant(cloud, 'acme');
  const globex = await seedTenant(cloud, 'globex');
  const shop = await newClientKey(cloud, acme, 'Web shop', ['items:read', 'items:write']);

  const create = (key: string, idempotencyKey: string | undefined, body: unknown) =>
    request<ItemBody>('POST', api, {
      headers: {
        'x-api-key': key,
        ...(idempotencyKey === undefined ? {} : { 'idempotency-key': idempotencyKey }),
      },
      body,
    });
  const created = async (body = itemRequest()): Promise<ItemBody> => {
    const response = await create(shop.key, randomUUID(), body);
    if (response.status !== 201) throw new Error(`Create failed: ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const asClient = (key: string, method: string, path: string) =>
    request<ItemBody>(method, `${api}${path}`, { headers: { 'x-api-key': key } });
  const asUser = <T = ItemBody>(token: string, method: string, path: string) =>
    request<T>(method, `${api}${path}`, { token });
  const busEvents = async (type: string, itemId: string) =>
    (
      await cloud.db.query<{ id: string; detail: Record<string, unknown> }>(
        `SELECT id::text, detail FROM event_bus.events WHERE type = $1 AND detail->>'itemId' = $2 ORDER BY id`,
        [type, itemId],
      )
    ).rows;

  return { cloud, api, acme, globex, shop, create, created, asClient, asUser, busEvents };
}
