import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../../event-bus/tests/integration/support/wait-for.js';
import { login, type Tenant } from '../../../users/tests/support/tenants.js';
import { errorOf, type ItemBody, type ItemsCloud } from './support/items-cloud.js';
import { type ItemsSuite, startItemsSuite } from './support/items-suite.js';

// An item after its creation: allocation's events, the assigned driver's pickup and delivery, the
// organisation's view of it, and the outbox relay that posts what a crashed function did not.
describe('the items service', () => {
  let cloud: ItemsCloud;
  let acme: Tenant;
  let globex: Tenant;
  /** acme's web shop (items:read items:write). */
  let shop: { clientId: string; key: string };
  let driver2Token: string;
  let created: ItemsSuite['created'];
  let asClient: ItemsSuite['asClient'];
  let asUser: ItemsSuite['asUser'];
  let busEvents: ItemsSuite['busEvents'];

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
    ({ cloud, acme, globex, shop, created, asClient, asUser, busEvents } = await startItemsSuite());
    driver2Token = (await login(cloud, 'acme', 'driver2@acme.example')).accessToken;
  }, 240_000);
  afterAll(async () => {
    await cloud?.stop();
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
