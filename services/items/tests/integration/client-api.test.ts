import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../../event-bus/tests/integration/support/wait-for.js';
import { type ApiResponse, request } from '../../../users/tests/support/api-client.js';
import type { Tenant } from '../../../users/tests/support/tenants.js';
import { HOUR, itemRequest } from './support/item-request.js';
import { errorOf, type ItemBody, type ItemsCloud, newClientKey } from './support/items-cloud.js';
import { type ItemsSuite, startItemsSuite } from './support/items-suite.js';

// The client systems' API: create with an Idempotency-Key, validation, read, list, cancel, scopes.
describe('the items service', () => {
  let cloud: ItemsCloud;
  let acme: Tenant;
  let globex: Tenant;
  let api: string;
  /** acme's web shop (items:read items:write), a second acme client, and globex's shop. */
  let shop: { clientId: string; key: string };
  let otherShop: { clientId: string; key: string };
  let globexShop: { clientId: string; key: string };
  let create: ItemsSuite['create'];
  let created: ItemsSuite['created'];
  let asClient: ItemsSuite['asClient'];
  let asUser: ItemsSuite['asUser'];
  let busEvents: ItemsSuite['busEvents'];

  beforeAll(async () => {
    ({ cloud, api, acme, globex, shop, create, created, asClient, asUser, busEvents } =
      await startItemsSuite());
    otherShop = await newClientKey(cloud, acme, 'ERP', ['items:read', 'items:write']);
    globexShop = await newClientKey(cloud, globex, 'Globex shop', ['items:read', 'items:write']);
  }, 240_000);
  afterAll(async () => {
    await cloud?.stop();
  });

  it('creates an item once per Idempotency-Key and posts itemCreated as docs/fleet.md defines it', async () => {
    // Prepare
    const key = randomUUID();
    const body = itemRequest('ORDER-1001');
    const window = body.window as { from: string; to: string };
    // The same request written differently: keys reordered, the window in another zone.
    const from = new Date(window.from);
    const sameAgain = {
      size: { volumeLitres: 20, weightKg: 3.5 },
      window: {
        to: window.to,
        from: `${new Date(from.getTime() + HOUR).toISOString().slice(0, 19)}+01:00`,
      },
      dropoff: body.dropoff,
      pickup: body.pickup,
      reference: 'ORDER-1001',
    };

    // Act
    const first = await create(shop.key, key, body);
    const retry = await create(shop.key, key, sameAgain);

    // Assess
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      orgId: acme.orgId,
      clientId: shop.clientId,
      reference: 'ORDER-1001',
      status: 'created',
      vehicleId: null,
      driverId: null,
    });
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(first.body);
    const events = await waitFor(
      async () => {
        const logged = await busEvents('itemCreated', first.body.itemId);
        return logged.length > 0 ? logged : undefined;
      },
      { what: 'itemCreated on the bus' },
    );
    expect(events.map((event) => event.detail)).toEqual([
      {
        itemId: first.body.itemId,
        orgId: acme.orgId,
        clientId: shop.clientId,
        reference: 'ORDER-1001',
        pickup: body.pickup,
        dropoff: body.dropoff,
        window: { from: window.from, to: window.to },
        sizeKg: 3.5,
      },
    ]);
  });

  it('refuses the same Idempotency-Key with a different request as IDEMPOTENCY_KEY_REUSED', async () => {
    // Prepare
    const key = randomUUID();
    const original = await create(shop.key, key, itemRequest('ORDER-A'));

    // Act
    const reused = await create(shop.key, key, itemRequest('ORDER-B'));

    // Assess
    expect(original.status).toBe(201);
    expect(reused.status).toBe(409);
    expect(errorOf(reused)).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(errorOf(reused).message).toContain(key);
  });

  it('creates one item when parallel requests carry the same Idempotency-Key', async () => {
    // Prepare
    const key = randomUUID();
    const body = itemRequest();

    // Act
    const responses = await Promise.all(Array.from({ length: 6 }, () => create(shop.key, key, body)));

    // Assess
    expect(responses.map((response) => response.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    expect(new Set(responses.map((response) => response.body.itemId)).size).toBe(1);
    const { rows } = await cloud.db.query(
      'SELECT id FROM items.items WHERE client_id = $1 AND idempotency_key = $2',
      [shop.clientId, key],
    );
    expect(rows).toHaveLength(1);
    const itemId = responses[0]?.body.itemId ?? '';
    await waitFor(async () => ((await busEvents('itemCreated', itemId)).length > 0 ? true : undefined), {
      what: 'itemCreated on the bus',
    });
    expect(await busEvents('itemCreated', itemId)).toHaveLength(1);
  });

  it('answers 400 naming the Idempotency-Key header when it is missing', async () => {
    // Act
    const response = await create(shop.key, undefined, itemRequest());

    // Assess
    expect(response.status).toBe(400);
    expect(errorOf(response).code).toBe('VALIDATION_FAILED');
    expect(errorOf(response).fields).toEqual([
      { path: 'headers.idempotency-key', message: expect.stringContaining('Idempotency-Key') },
    ]);
  });

  it('answers 400 naming every wrong field of the body, and nothing is stored', async () => {
    // Prepare
    const body = itemRequest();
    const wrong = {
      ...body,
      pickup: { lat: 123, lon: 13.4, address: 'Somewhere' },
      window: { from: '2030-01-01T12:00:00Z', to: '2030-01-01T09:00:00Z' },
      size: {},
      dropOff: 'misspelt',
    };
    const key = randomUUID();

    // Act
    const response = await create(shop.key, key, wrong);
    const closed = await create(shop.key, randomUUID(), {
      ...body,
      window: { from: '2020-01-01T09:00:00Z', to: '2020-01-01T12:00:00Z' },
    });

    // Assess
    expect(response.status).toBe(400);
    expect(errorOf(response).code).toBe('VALIDATION_FAILED');
    expect(errorOf(response).fields).toEqual(
      expect.arrayContaining([
        { path: 'body.pickup.lat', message: 'must be at most 90' },
        { path: 'body.window.to', message: 'must be after from' },
        { path: 'body.size.weightKg', message: 'is required' },
        { path: 'body', message: 'unknown field dropOff' },
      ]),
    );
    expect(closed.status).toBe(400);
    expect(errorOf(closed)).toMatchObject({
      code: 'WINDOW_CLOSED',
      fields: [expect.objectContaining({ path: 'body.window.to' })],
    });
    const { rows } = await cloud.db.query('SELECT 1 FROM items.items WHERE idempotency_key = $1', [key]);
    expect(rows).toHaveLength(0);
  });

  it('lists, reads and cancels the client’s items, posting itemStatusChanged', async () => {
    // Prepare
    const item = await created();

    // Act
    const read = await asClient(shop.key, 'GET', `/${item.itemId}`);
    const cancelled = await asClient(shop.key, 'POST', `/${item.itemId}/cancel`);
    const again = await asClient(shop.key, 'POST', `/${item.itemId}/cancel`);
    const listed = await request<{ items: ItemBody[] }>('GET', `${api}?status=cancelled`, {
      headers: { 'x-api-key': shop.key },
    });
    const badFilter = await request('GET', `${api}?status=lost`, { headers: { 'x-api-key': shop.key } });

    // Assess
    expect(read.status).toBe(200);
    expect(read.body).toEqual(item);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ itemId: item.itemId, status: 'cancelled' });
    expect(again.status).toBe(200);
    expect(listed.body.items.map((listedItem) => listedItem.itemId)).toContain(item.itemId);
    expect(listed.body.items.every((listedItem) => listedItem.status === 'cancelled')).toBe(true);
    expect(listed.body.items.every((listedItem) => listedItem.clientId === shop.clientId)).toBe(true);
    expect(badFilter.status).toBe(400);
    expect(errorOf(badFilter).fields?.[0]?.path).toBe('query.status');
    const changes = await waitFor(
      async () => {
        const logged = await busEvents('itemStatusChanged', item.itemId);
        return logged.length > 0 ? logged : undefined;
      },
      { what: 'itemStatusChanged on the bus' },
    );
    expect(changes.map((event) => event.detail)).toEqual([
      {
        itemId: item.itemId,
        orgId: acme.orgId,
        status: 'cancelled',
        previous: 'created',
        vehicleId: null,
        driverId: null,
      },
    ]);
  });

  it('answers 404 alike for a missing item, another client’s and another organisation’s', async () => {
    // Prepare
    const item = await created();
    const missing = randomUUID();

    // Act
    const responses: Record<string, ApiResponse<unknown>> = {
      missing: await asClient(shop.key, 'GET', `/${missing}`),
      notAnId: await asClient(shop.key, 'GET', '/not-an-id'),
      otherClient: await asClient(otherShop.key, 'GET', `/${item.itemId}`),
      otherClientCancel: await asClient(otherShop.key, 'POST', `/${item.itemId}/cancel`),
      otherOrg: await asClient(globexShop.key, 'GET', `/${item.itemId}`),
      otherOrgDispatcher: await asUser(globex.tokens.dispatcher, 'GET', `/org/${item.itemId}`),
    };
    const otherLists = await request<{ items: ItemBody[] }>('GET', api, {
      headers: { 'x-api-key': otherShop.key },
    });
    const stillThere = await asClient(shop.key, 'GET', `/${item.itemId}`);

    // Assess
    for (const [name, response] of Object.entries(responses)) {
      expect({ name, status: response.status, code: errorOf(response).code }).toEqual({
        name,
        status: 404,
        code: 'ITEM_NOT_FOUND',
      });
    }
    expect(otherLists.body.items.map((listed) => listed.itemId)).not.toContain(item.itemId);
    expect(stillThere.body.status).toBe('created');
  });

  it('refuses a key without the route’s scope with 403 INSUFFICIENT_SCOPE', async () => {
    // Prepare
    const readOnly = await newClientKey(cloud, acme, 'Reporting', ['items:read']);
    const item = await created();

    // Act
    const write = await create(readOnly.key, randomUUID(), itemRequest());
    const cancel = await asClient(readOnly.key, 'POST', `/${item.itemId}/cancel`);
    const noKey = await request('GET', api);
    const health = await request('GET', `${api}/health`);

    // Assess
    expect(write.status).toBe(403);
    expect(errorOf(write)).toMatchObject({
      code: 'INSUFFICIENT_SCOPE',
      message: expect.stringContaining('items:write'),
    });
    expect(cancel.status).toBe(403);
    expect(noKey.status).toBe(401);
    expect(health.status).toBe(200);
  });
});
