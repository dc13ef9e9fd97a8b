import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../../event-bus/tests/integration/support/wait-for.js';
import { type ApiResponse, request } from '../../../users/tests/support/api-client.js';
import { login, seedTenant, type Tenant } from '../../../users/tests/support/tenants.js';
import {
  errorOf,
  type ItemBody,
  type ItemsCloud,
  newClientKey,
  startItemsCloud,
} from './support/items-cloud.js';

const HOUR = 3_600_000;

/** A valid create body whose window opens in an hour. */
function itemRequest(reference = `ORDER-${randomUUID().slice(0, 8)}`): Record<string, unknown> {
  // Whole minutes, so the test can spell the same instant in another zone.
  const from = new Date(Math.ceil((Date.now() + HOUR) / 60_000) * 60_000);
  return {
    reference,
    pickup: { lat: 52.52, lon: 13.405, address: 'Alexanderplatz 1, Berlin' },
    dropoff: { lat: 52.5163, lon: 13.3777, address: 'Pariser Platz, Berlin' },
    window: { from: from.toISOString(), to: new Date(from.getTime() + 3 * HOUR).toISOString() },
    size: { weightKg: 3.5, volumeLitres: 20 },
  };
}

describe('the items service', () => {
  let cloud: ItemsCloud;
  let acme: Tenant;
  let globex: Tenant;
  let api: string;
  /** acme's web shop (items:read items:write), a second acme client, and globex's shop. */
  let shop: { clientId: string; key: string };
  let otherShop: { clientId: string; key: string };
  let globexShop: { clientId: string; key: string };
  let driver2Token: string;

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
  /** What the bus logged of one type for one item, oldest first. */
  const busEvents = async (type: string, itemId: string) =>
    (
      await cloud.db.query<{ id: string; detail: Record<string, unknown> }>(
        `SELECT id::text, detail FROM event_bus.events WHERE type = $1 AND detail->>'itemId' = $2 ORDER BY id`,
        [type, itemId],
      )
    ).rows;
  const waitForStatus = (itemId: string, status: string) =>
    waitFor(
      async () => {
        const item = await asUser(acme.tokens.dispatcher, 'GET', `/org/${itemId}`);
        return item.body.status === status ? item.body : undefined;
      },
      { what: `item ${itemId} to become ${status}` },
    );
  /** Waits until the listener reports the outcome of the event with this publish key. */
  const waitForOutcome = async (publishKey: string) => {
    const busId = await waitFor(
      async () =>
        (
          await cloud.db.query<{ id: string }>(
            'SELECT id::text FROM event_bus.events WHERE publish_key = $1',
            [publishKey],
          )
        ).rows[0]?.id,
      { what: `the bus to log event ${publishKey}` },
    );
    return waitFor(
      async () =>
        cloud.logs
          .map((entry) => entry.line)
          .find((line) => line.includes('Allocation event applied') && line.includes(`"eventId":"${busId}"`)),
      { what: `the listener to apply event ${busId}` },
    );
  };
  /** An item of acme's shop allocated to driver1 through allocation's events. */
  const allocatedItem = async (): Promise<ItemBody & { vehicleId: string }> => {
    const item = await created();
    const vehicleId = randomUUID();
    await cloud.post('allocationAccepted', {
      offerId: `${item.itemId}:1`,
      itemId: item.itemId,
      orgId: acme.orgId,
      vehicleId,
      driverId: acme.userIds.driver1,
    });
    await waitForStatus(item.itemId, 'allocated');
    return { ...item, vehicleId };
  };

  beforeAll(async () => {
    cloud = await startItemsCloud();
    api = cloud.items;
    acme = await seedTenant(cloud, 'acme');
    globex = await seedTenant(cloud, 'globex');
    shop = await newClientKey(cloud, acme, 'Web shop', ['items:read', 'items:write']);
    otherShop = await newClientKey(cloud, acme, 'ERP', ['items:read', 'items:write']);
    globexShop = await newClientKey(cloud, globex, 'Globex shop', ['items:read', 'items:write']);
    driver2Token = (await login(cloud, 'acme', 'driver2@acme.example')).accessToken;
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

  it('follows allocation’s events and ignores repeated and late ones', async () => {
    // Prepare
    const item = await created();
    const vehicleId = randomUUID();
    const offer = { offerId: `${item.itemId}:1`, itemId: item.itemId, orgId: acme.orgId, vehicleId };

    // Act
    await cloud.post('allocationOffered', {
      ...offer,
      pickup: { lat: 52.52, lon: 13.405 },
      deadline: new Date().toISOString(),
    });
    await waitForStatus(item.itemId, 'allocating');
    await cloud.post('allocationAccepted', { ...offer, driverId: acme.userIds.driver1 });
    const allocated = await waitForStatus(item.itemId, 'allocated');
    const repeat = await cloud.post('allocationAccepted', { ...offer, driverId: acme.userIds.driver1 });
    const late = await cloud.post('allocationFailed', {
      itemId: item.itemId,
      orgId: acme.orgId,
      reason: 'noVehicleLeft',
      tried: 1,
    });
    const repeatApplied = await waitForOutcome(repeat);
    const lateApplied = await waitForOutcome(late);
    const after = await asUser<ItemBody & { timeline: { status: string; actor: string }[] }>(
      acme.tokens.dispatcher,
      'GET',
      `/org/${item.itemId}`,
    );

    // Assess
    expect(allocated).toMatchObject({ vehicleId, driverId: acme.userIds.driver1 });
    expect(repeatApplied).toContain('"outcome":"unchanged"');
    expect(lateApplied).toContain('"outcome":"stale"');
    expect(after.body.status).toBe('allocated');
    expect(after.body.timeline.map((entry) => [entry.status, entry.actor])).toEqual([
      ['created', 'client'],
      ['allocating', 'allocation'],
      ['allocated', 'allocation'],
    ]);
    const changes = await waitFor(
      async () => {
        const logged = await busEvents('itemStatusChanged', item.itemId);
        return logged.length >= 2 ? logged : undefined;
      },
      { what: 'two itemStatusChanged on the bus' },
    );
    // Each change is posted after its own commit, so the bus may log (and number) them in either
    // order: it does not promise ordered delivery. Receivers rank item statuses (docs/fleet.md).
    const byStatus = (a: { detail: Record<string, unknown> }, b: { detail: Record<string, unknown> }) =>
      a.detail.status === 'allocating' ? -1 : b.detail.status === 'allocating' ? 1 : 0;
    expect([...changes].sort(byStatus).map((event) => event.detail)).toEqual([
      {
        itemId: item.itemId,
        orgId: acme.orgId,
        status: 'allocating',
        previous: 'created',
        vehicleId: null,
        driverId: null,
      },
      {
        itemId: item.itemId,
        orgId: acme.orgId,
        status: 'allocated',
        previous: 'allocating',
        vehicleId,
        driverId: acme.userIds.driver1,
      },
    ]);
  });

  it('lets only the assigned driver pick up and deliver, and keeps the timeline', async () => {
    // Prepare
    const item = await allocatedItem();

    // Act
    const otherDriver = await asUser(driver2Token, 'POST', `/driver/${item.itemId}/pickup`);
    const mine = await asUser<{ items: ItemBody[] }>(acme.tokens.driver1, 'GET', '/driver');
    const othersList = await asUser<{ items: ItemBody[] }>(driver2Token, 'GET', '/driver');
    const early = await asUser(acme.tokens.driver1, 'POST', `/driver/${item.itemId}/deliver`);
    const pickedUp = await asUser(acme.tokens.driver1, 'POST', `/driver/${item.itemId}/pickup`);
    const lateCancel = await asClient(shop.key, 'POST', `/${item.itemId}/cancel`);
    const delivered = await asUser(acme.tokens.driver1, 'POST', `/driver/${item.itemId}/deliver`);
    const history = await asUser<ItemBody & { timeline: Record<string, unknown>[] }>(
      acme.tokens.admin,
      'GET',
      `/org/${item.itemId}`,
    );

    // Assess
    expect(otherDriver.status).toBe(404);
    expect(errorOf(otherDriver).code).toBe('ITEM_NOT_FOUND');
    expect(mine.body.items.map((listed) => listed.itemId)).toContain(item.itemId);
    expect(othersList.body.items.map((listed) => listed.itemId)).not.toContain(item.itemId);
    expect(early.status).toBe(409);
    expect(errorOf(early).code).toBe('ILLEGAL_TRANSITION');
    expect(pickedUp.body).toMatchObject({ status: 'picked_up', driverId: acme.userIds.driver1 });
    expect(lateCancel.status).toBe(409);
    expect(errorOf(lateCancel).code).toBe('ILLEGAL_TRANSITION');
    expect(delivered.body).toMatchObject({ status: 'delivered' });
    expect(history.body.timeline).toEqual([
      expect.objectContaining({ status: 'created', previous: null, actor: 'client', actorId: shop.clientId }),
      expect.objectContaining({
        status: 'allocated',
        previous: 'created',
        actor: 'allocation',
        vehicleId: item.vehicleId,
      }),
      expect.objectContaining({
        status: 'picked_up',
        previous: 'allocated',
        actor: 'driver',
        actorId: acme.userIds.driver1,
      }),
      expect.objectContaining({
        status: 'delivered',
        previous: 'picked_up',
        actor: 'driver',
        actorId: acme.userIds.driver1,
      }),
    ]);
    const changes = await waitFor(
      async () => {
        const logged = await busEvents('itemStatusChanged', item.itemId);
        return logged.length >= 3 ? logged : undefined;
      },
      { what: 'three itemStatusChanged on the bus' },
    );
    expect(
      changes.map((event) => [event.detail.status, event.detail.vehicleId, event.detail.driverId]),
    ).toEqual([
      ['allocated', item.vehicleId, acme.userIds.driver1],
      ['picked_up', item.vehicleId, acme.userIds.driver1],
      ['delivered', item.vehicleId, acme.userIds.driver1],
    ]);
  });

  it('shows the organisation’s items to admins and dispatchers only', async () => {
    // Prepare
    const item = await created();

    // Act
    const dispatcher = await asUser<{ items: ItemBody[] }>(
      acme.tokens.dispatcher,
      'GET',
      '/org?status=created',
    );
    const driver = await asUser(acme.tokens.driver1, 'GET', '/org');
    const globexView = await asUser<{ items: ItemBody[] }>(globex.tokens.admin, 'GET', '/org');
    const adminOnDriverRoute = await asUser(acme.tokens.admin, 'GET', '/driver');

    // Assess
    expect(dispatcher.body.items.map((listed) => listed.itemId)).toContain(item.itemId);
    expect(driver.status).toBe(403);
    expect(errorOf(driver).code).toBe('FORBIDDEN');
    expect(globexView.body.items.map((listed) => listed.itemId)).not.toContain(item.itemId);
    expect(adminOnDriverRoute.status).toBe(403);
  });

  it('posts an event the storing function did not post when the outbox relay runs', async () => {
    // Prepare: an event stored but never posted, as after a crash between commit and post.
    const publishKey = randomUUID();
    const itemId = randomUUID();
    const envelope = {
      id: publishKey,
      type: 'itemStatusChanged',
      source: 'items',
      time: new Date().toISOString(),
      detail: {
        itemId,
        orgId: acme.orgId,
        status: 'allocating',
        previous: 'created',
        vehicleId: null,
        driverId: null,
      },
      correlationId: publishKey,
    };
    await cloud.db.query(
      `INSERT INTO items.outbox (id, org_id, type, envelope, created_at)
       VALUES ($1, $2, 'itemStatusChanged', $3, now() - interval '5 minutes')`,
      [publishKey, acme.orgId, JSON.stringify(envelope)],
    );

    // Act
    await cloud.trigger('RelayOutboxRelay');

    // Assess
    const logged = await waitFor(
      async () => {
        const events = await busEvents('itemStatusChanged', itemId);
        return events.length > 0 ? events : undefined;
      },
      { what: 'the relayed event on the bus' },
    );
    expect(logged.map((event) => event.detail)).toEqual([envelope.detail]);
    const marked = await waitFor(
      async () =>
        (
          await cloud.db.query<{ posted_at: Date | null }>(
            'SELECT posted_at FROM items.outbox WHERE id = $1',
            [publishKey],
          )
        ).rows[0]?.posted_at ?? undefined,
      { what: 'the outbox row marked posted' },
    );
    expect(marked).toBeInstanceOf(Date);
  });
});
