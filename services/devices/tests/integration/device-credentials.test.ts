import { connectAsync } from 'mqtt';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { errorCode, request } from '../../../users/tests/support/api-client.js';
import { type IdentityCloud, startIdentityCloud } from '../../../users/tests/support/identity-cloud.js';
import { seedTenant, type Tenant } from '../../../users/tests/support/tenants.js';

interface RegisteredDevice {
  id: string;
  vehicleId: string;
  uniqueId: string;
  secret: string;
}

const authentication = z.union([
  z.object({
    authenticated: z.literal(true),
    device: z.object({
      deviceId: z.string(),
      orgId: z.string(),
      vehicleId: z.string(),
      uniqueId: z.string(),
    }),
  }),
  z.object({ authenticated: z.literal(false), reason: z.string() }),
]);

describe('device credentials', () => {
  let cloud: IdentityCloud;
  let acme: Tenant;
  let globex: Tenant;
  let api: string;

  const register = async (tenant: Tenant, body: Record<string, string>): Promise<RegisteredDevice> => {
    const response = await request<RegisteredDevice>('POST', api, { token: tenant.tokens.admin, body });
    if (response.status !== 201) throw new Error(`Registering failed: ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const authenticate = (osmand: Record<string, unknown>) =>
    cloud.call('devices', 'AuthenticateDevice', osmand, authentication);
  const connectDevice = (username: string, password: string, clientId = username) =>
    connectAsync(cloud.cloud.broker?.url ?? '', {
      clientId,
      username,
      password,
      reconnectPeriod: 0,
      connectTimeout: 5_000,
    });
  /** How a connection attempt ended: `connected` (then closed) or the broker's refusal. */
  const tryConnect = (username: string, password: string, clientId = username): Promise<string> =>
    connectDevice(username, password, clientId).then(
      async (client) => {
        await client.endAsync();
        return 'connected';
      },
      (error: Error) => error.message,
    );

  beforeAll(async () => {
    cloud = await startIdentityCloud(['devices'], { mqtt: true });
    api = cloud.api('devices');
    acme = await seedTenant(cloud, 'acme');
    globex = await seedTenant(cloud, 'globex');
  }, 180_000);
  afterAll(async () => {
    await cloud?.stop();
  });

  it('registers a device for a vehicle and shows its secret only once, keeping a hash', async () => {
    // Act
    const created = await request<RegisteredDevice>('POST', api, {
      token: acme.tokens.admin,
      body: { vehicleId: 'truck-7', uniqueId: '356938035643809', name: 'Cab tracker' },
    });
    const shown = await request('GET', `${api}/${created.body.id}`, { token: acme.tokens.dispatcher });

    // Assess
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ vehicleId: 'truck-7', uniqueId: '356938035643809' });
    expect(created.body.secret).toMatch(/^mcd_[A-Za-z0-9_-]{43}$/);
    expect(shown.status).toBe(200);
    expect(shown.body).not.toHaveProperty('secret');
    const db = new pg.Client({ connectionString: cloud.database.url });
    await db.connect();
    try {
      const { rows } = await db.query('SELECT * FROM devices.devices WHERE id = $1', [created.body.id]);
      expect(JSON.stringify(rows)).not.toContain(created.body.secret);
    } finally {
      await db.end();
    }
  });

  it.each([
    [
      'the id and key query parameters (OsmAnd)',
      (d: RegisteredDevice) => ({
        queryStringParameters: { id: d.uniqueId, key: d.secret, lat: '51.5', lon: '-0.1' },
      }),
    ],
    [
      'deviceid instead of id',
      (d: RegisteredDevice) => ({ queryStringParameters: { deviceid: d.uniqueId, key: d.secret } }),
    ],
    [
      'a form body (POST)',
      (d: RegisteredDevice) => ({
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: `id=${d.uniqueId}&key=${encodeURIComponent(d.secret)}&lat=51.5`,
      }),
    ],
    [
      'a JSON body with device_id and the key in the URL (Traccar Client 9)',
      (d: RegisteredDevice) => ({
        queryStringParameters: { key: d.secret },
        body: JSON.stringify({ device_id: d.uniqueId, location: { coords: { latitude: 51.5 } } }),
      }),
    ],
    [
      'a base64 body and a bearer header',
      (d: RegisteredDevice) => ({
        headers: { authorization: `Bearer ${d.secret}` },
        body: Buffer.from(`deviceid=${d.uniqueId}`).toString('base64'),
        isBase64Encoded: true,
      }),
    ],
  ])('authenticates an OsmAnd request carrying %s', async (_case, requestOf) => {
    // Prepare
    const device = await register(acme, { vehicleId: 'van-1' });

    // Act
    const result = await authenticate(requestOf(device));

    // Assess
    expect(result).toEqual({
      authenticated: true,
      device: { deviceId: device.id, orgId: acme.orgId, vehicleId: 'van-1', uniqueId: device.id },
    });
  });

  it.each([
    [
      'no device id',
      (d: RegisteredDevice) => ({ queryStringParameters: { key: d.secret } }),
      'MISSING_DEVICE_ID',
    ],
    ['no secret', (d: RegisteredDevice) => ({ queryStringParameters: { id: d.uniqueId } }), 'MISSING_SECRET'],
    [
      'a wrong secret',
      (d: RegisteredDevice) => ({ queryStringParameters: { id: d.uniqueId, key: `mcd_${'x'.repeat(43)}` } }),
      'INVALID_CREDENTIALS',
    ],
    [
      'another device’s secret',
      (d: RegisteredDevice, other: RegisteredDevice) => ({
        queryStringParameters: { id: d.uniqueId, key: other.secret },
      }),
      'INVALID_CREDENTIALS',
    ],
  ])('refuses an OsmAnd request with %s', async (_case, requestOf, reason) => {
    // Prepare
    const device = await register(acme, { vehicleId: 'van-2' });
    const other = await register(acme, { vehicleId: 'van-3' });

    // Act
    const result = await authenticate(requestOf(device, other));

    // Assess
    expect(result).toEqual({ authenticated: false, reason });
  });

  it('tells two organisations’ devices with the same unique id apart by their secrets', async () => {
    // Prepare
    const ours = await register(acme, { vehicleId: 'truck-9', uniqueId: '490154203237518' });
    const theirs = await register(globex, { vehicleId: 'lorry-1', uniqueId: '490154203237518' });

    // Act
    const asOurs = await authenticate({ queryStringParameters: { id: '490154203237518', key: ours.secret } });
    const asTheirs = await authenticate({
      queryStringParameters: { id: '490154203237518', key: theirs.secret },
    });

    // Assess
    expect(asOurs).toMatchObject({ device: { orgId: acme.orgId, vehicleId: 'truck-9' } });
    expect(asTheirs).toMatchObject({ device: { orgId: globex.orgId, vehicleId: 'lorry-1' } });
  });

  it('looks devices up by id or by their organisation’s unique ids, leaving out revoked and foreign ones', async () => {
    // Prepare
    const lookedUp = z.object({
      devices: z.array(
        z.object({ deviceId: z.string(), uniqueId: z.string(), orgId: z.string(), vehicleId: z.string() }),
      ),
    });
    const tracker = await register(acme, { vehicleId: 'bus-1', uniqueId: 'lookup-imei-1' });
    const revoked = await register(acme, { vehicleId: 'bus-2', uniqueId: 'lookup-imei-2' });
    const foreign = await register(globex, { vehicleId: 'bus-3', uniqueId: 'lookup-imei-3' });
    await request('DELETE', `${api}/${revoked.id}`, { token: acme.tokens.admin });

    // Act
    const byId = await cloud.call(
      'devices',
      'LookupDevices',
      { deviceIds: [tracker.id, revoked.id, foreign.id, tracker.id] },
      lookedUp,
    );
    const byUniqueId = await cloud.call(
      'devices',
      'LookupDevices',
      { orgId: acme.orgId, uniqueIds: ['lookup-imei-1', 'lookup-imei-2', 'lookup-imei-3'] },
      lookedUp,
    );

    // Assess
    expect(byId.devices).toEqual(
      [
        { deviceId: tracker.id, uniqueId: 'lookup-imei-1', orgId: acme.orgId, vehicleId: 'bus-1' },
        { deviceId: foreign.id, uniqueId: 'lookup-imei-3', orgId: globex.orgId, vehicleId: 'bus-3' },
      ].sort((a, b) => (a.deviceId < b.deviceId ? -1 : 1)),
    );
    expect(byUniqueId.devices).toEqual([
      { deviceId: tracker.id, uniqueId: 'lookup-imei-1', orgId: acme.orgId, vehicleId: 'bus-1' },
    ]);
  });

  it('refuses a unique id twice within one organisation', async () => {
    // Prepare
    await register(acme, { vehicleId: 'truck-1', uniqueId: 'phone-ada' });

    // Act
    const response = await request('POST', api, {
      token: acme.tokens.admin,
      body: { vehicleId: 'truck-2', uniqueId: 'phone-ada' },
    });

    // Assess
    expect(response.status).toBe(409);
    expect(errorCode(response)).toBe('UNIQUE_ID_TAKEN');
  });

  it('moves a device to another vehicle: its next authentication names the new one', async () => {
    // Prepare
    const device = await register(acme, { vehicleId: 'truck-3' });

    // Act
    const moved = await request('PATCH', `${api}/${device.id}`, {
      token: acme.tokens.admin,
      body: { vehicleId: 'truck-4' },
    });
    const result = await authenticate({ queryStringParameters: { id: device.uniqueId, key: device.secret } });

    // Assess
    expect(moved.body).toMatchObject({ vehicleId: 'truck-4' });
    expect(result).toMatchObject({ device: { vehicleId: 'truck-4' } });
  });

  it('replaces a secret: the old one stops working at once', async () => {
    // Prepare
    const device = await register(acme, { vehicleId: 'truck-5' });

    // Act
    const replaced = await request<RegisteredDevice>('POST', `${api}/${device.id}/secret`, {
      token: acme.tokens.admin,
    });
    const withOld = await authenticate({
      queryStringParameters: { id: device.uniqueId, key: device.secret },
    });
    const withNew = await authenticate({
      queryStringParameters: { id: device.uniqueId, key: replaced.body.secret },
    });

    // Assess
    expect(replaced.status).toBe(200);
    expect(withOld).toEqual({ authenticated: false, reason: 'INVALID_CREDENTIALS' });
    expect(withNew).toMatchObject({ authenticated: true });
  });

  it('refuses a revoked device over HTTP and MQTT, and will not give it a new secret', async () => {
    // Prepare
    const device = await register(acme, { vehicleId: 'truck-6' });

    // Act
    const revoked = await request('DELETE', `${api}/${device.id}`, { token: acme.tokens.admin });
    const osmand = await authenticate({ queryStringParameters: { id: device.uniqueId, key: device.secret } });
    const mqtt = await tryConnect(device.id, device.secret);
    const rekey = await request('POST', `${api}/${device.id}/secret`, { token: acme.tokens.admin });

    // Assess
    expect(revoked.status).toBe(204);
    expect(osmand).toEqual({ authenticated: false, reason: 'INVALID_CREDENTIALS' });
    expect(mqtt).toMatch(/not authorized/i);
    expect(rekey.status).toBe(409);
    expect(errorCode(rekey)).toBe('DEVICE_REVOKED');
  });

  it('lets a device connect over MQTT with its id and secret, to its own topics only', async () => {
    // Prepare
    const device = await register(acme, { vehicleId: 'truck-8' });
    const other = await register(acme, { vehicleId: 'truck-10' });

    // Act
    const client = await connectDevice(device.id, device.secret);
    try {
      const own = await client.subscribeAsync(`fleet/${device.id}/commands`, { qos: 1 });
      const published = await client.publishAsync(`fleet/${device.id}/position`, '{"lat":51.5}', {
        qos: 1,
      });
      const theirs = client.subscribeAsync(`fleet/${other.id}/commands`, { qos: 1 });

      // Assess
      expect(own[0]?.qos).toBe(1);
      expect(published?.cmd).toBe('publish');
      // mqtt.js rejects a subscription the broker granted with 128 (refused).
      await expect(theirs).rejects.toThrow(/subscribe error/i);
    } finally {
      await client.endAsync();
    }
  });

  it.each([
    ['a wrong secret', (d: RegisteredDevice) => [d.id, `mcd_${'y'.repeat(43)}`]],
    ['another device’s client id', (d: RegisteredDevice, o: RegisteredDevice) => [d.id, d.secret, o.id]],
    ['the unique id as username', (d: RegisteredDevice) => [d.uniqueId, d.secret]],
  ] as const)('refuses an MQTT connection with %s', async (_case, credentialsOf) => {
    // Prepare
    const device = await register(acme, { vehicleId: 'truck-11', uniqueId: `imei-${Date.now()}` });
    const other = await register(acme, { vehicleId: 'truck-12' });
    const [username, password, clientId] = credentialsOf(device, other) as [string, string, string?];

    // Act
    const outcome = await tryConnect(username, password, clientId ?? username);

    // Assess
    expect(outcome).toMatch(/not authorized/i);
  });

  it.each([
    { role: 'dispatcher', method: 'POST' },
    { role: 'driver1', method: 'GET' },
  ] as const)('refuses device management to $role ($method /devices)', async ({ role, method }) => {
    // Act
    const response = await request(method, api, {
      token: acme.tokens[role],
      ...(method === 'POST' ? { body: { vehicleId: 'truck-13' } } : {}),
    });

    // Assess
    expect(response.status).toBe(403);
    expect(errorCode(response)).toBe('FORBIDDEN');
  });

  it('seeds demo trackers once, showing their secrets only the first time', async () => {
    // Prepare
    const seeded = z.object({
      devices: z.array(
        z.object({
          deviceId: z.string(),
          vehicleId: z.string(),
          uniqueId: z.string(),
          secret: z.string().optional(),
        }),
      ),
    });

    // Act
    const first = await cloud.call('devices', 'SeedDemo', { orgId: globex.orgId }, seeded);
    const second = await cloud.call('devices', 'SeedDemo', { orgId: globex.orgId }, seeded);
    const [tracker] = first.devices;
    const result = await authenticate({
      queryStringParameters: { id: tracker?.uniqueId, key: tracker?.secret },
    });

    // Assess
    expect(first.devices.map((device) => device.vehicleId)).toEqual(['demo-vehicle-1', 'demo-vehicle-2']);
    expect(first.devices.every((device) => device.secret?.startsWith('mcd_'))).toBe(true);
    expect(second.devices).toEqual(first.devices.map(({ secret: _secret, ...rest }) => rest));
    expect(result).toMatchObject({
      authenticated: true,
      device: { orgId: globex.orgId, vehicleId: 'demo-vehicle-1' },
    });
  });
});
