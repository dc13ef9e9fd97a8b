import { DeleteMessageCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { connectAsync } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { waitFor } from '../../../event-bus/tests/integration/support/wait-for.js';
import { errorCode, request } from '../../../users/tests/support/api-client.js';
import { seedTenant, type Tenant } from '../../../users/tests/support/tenants.js';
import { destinationPoint } from '../../src/domain/geodesy.js';
import {
  type RegisteredDevice,
  startTrackingCloud,
  TEST_OFFLINE_SECONDS,
  type TrackingCloud,
} from './support/tracking-cloud.js';

interface FeedPosition {
  vehicleId: string;
  deviceId: string;
  lat: number;
  lon: number;
  fixTime: string;
  speedKph: number | null;
  heading: number | null;
}

const nearest = z.object({
  vehicles: z.array(
    z.object({
      vehicleId: z.string(),
      distanceMetres: z.number(),
      lat: z.number(),
      lon: z.number(),
      fixTime: z.string(),
    }),
  ),
  unknown: z.array(z.string()),
});

const BERLIN = { latitude: 52.52, longitude: 13.405 };
const minutesAgo = (minutes: number, seconds = 0): Date =>
  new Date(Date.now() - minutes * 60_000 + seconds * 1000);

describe('tracking', () => {
  let cloud: TrackingCloud;
  let acme: Tenant;
  let api: string;
  let batchKey: string;
  let readKey: string;

  const osmand = (
    method: 'GET' | 'POST',
    query: Record<string, string>,
    init: { body?: string; type?: string } = {},
  ) =>
    fetch(`${api}/osmand?${new URLSearchParams(query)}`, {
      method,
      ...(init.body === undefined
        ? {}
        : { body: init.body, headers: { 'content-type': init.type ?? 'text/plain' } }),
    });
  const batch = (key: string, body: unknown) =>
    request<{ accepted: number; duplicates: number }>('POST', `${api}/positions`, {
      headers: { 'x-api-key': key },
      body,
    });
  const storedCount = async (deviceId: string): Promise<number> =>
    Number(
      (await cloud.db.query('SELECT count(*) FROM tracking.positions WHERE device_id = $1', [deviceId]))
        .rows[0].count,
    );
  const busEvents = async (type: string, key: string, value: string) =>
    (
      await cloud.db.query<{ detail: Record<string, unknown> }>(
        `SELECT detail FROM event_bus.events WHERE type = $1 AND detail->>'${key}' = $2 ORDER BY id`,
        [type, value],
      )
    ).rows.map((row) => row.detail);
  const history = (vehicleId: string, token = acme.tokens.dispatcher) =>
    request<{ positions: FeedPosition[]; truncated: boolean }>(
      'GET',
      `${api}/vehicles/${vehicleId}/positions`,
      { token },
    );

  beforeAll(async () => {
    cloud = await startTrackingCloud();
    api = cloud.api('tracking');
    acme = await seedTenant(cloud, 'acme');
    const client = await request<{ id: string }>('POST', cloud.api('clients'), {
      token: acme.tokens.admin,
      body: { name: 'Gateway' },
    });
    const keyOf = async (scopes: string[]) =>
      (
        await request<{ key: string }>('POST', `${cloud.api('clients')}/${client.body.id}/keys`, {
          token: acme.tokens.admin,
          body: { scopes },
        })
      ).body.key;
    batchKey = await keyOf(['positions:write']);
    readKey = await keyOf(['tracking:read']);
  }, 240_000);
  afterAll(async () => {
    await cloud?.close();
  });

  it('takes OsmAnd positions by GET query, POST form and Traccar JSON, storing a repeat once', async () => {
    // Prepare
    const phone = await cloud.register(acme, 'van-osmand', 'phone-osmand');
    const at = (minutes: number) => String(Math.floor(minutesAgo(minutes).getTime() / 1000));
    const fix = {
      id: phone.uniqueId,
      key: phone.secret,
      lat: '52.5',
      lon: '13.4',
      timestamp: at(30),
      speed: '10',
    };

    // Act
    const get = await osmand('GET', fix);
    const repeat = await osmand('GET', fix);
    const form = await osmand(
      'POST',
      { key: phone.secret },
      {
        body: `id=${phone.uniqueId}&lat=52.501&lon=13.401&timestamp=${at(20)}&bearing=90`,
        type: 'application/x-www-form-urlencoded',
      },
    );
    const json = await osmand(
      'POST',
      { key: phone.secret },
      {
        type: 'application/json',
        body: JSON.stringify({
          device_id: phone.uniqueId,
          location: {
            timestamp: minutesAgo(10).toISOString(),
            coords: { latitude: 52.502, longitude: 13.402, speed: 5, heading: 180, accuracy: 8 },
            battery: { level: 0.5, is_charging: false },
          },
        }),
      },
    );
    const shown = await history('van-osmand');
    const latest = await request<{ positions: FeedPosition[] }>('GET', `${api}/positions/latest`, {
      token: acme.tokens.driver1,
    });

    // Assess
    expect([get.status, repeat.status, form.status, json.status]).toEqual([200, 200, 200, 200]);
    expect(await get.text()).toBe('');
    expect(await storedCount(phone.id)).toBe(3);
    expect(shown.status).toBe(200);
    expect(shown.body.positions.map((position) => [position.lat, position.heading])).toEqual([
      [52.5, null],
      [52.501, 90],
      [52.502, 180],
    ]);
    expect(shown.body.positions[0]?.speedKph).toBeCloseTo(18.52);
    expect(shown.body.positions[2]?.speedKph).toBeCloseTo(18);
    expect(latest.body.positions).toContainEqual(
      expect.objectContaining({ vehicleId: 'van-osmand', deviceId: phone.id, lat: 52.502, lon: 13.402 }),
    );
    const online = await waitFor(async () => (await busEvents('deviceOnline', 'deviceId', phone.id))[0], {
      what: 'deviceOnline on the bus',
    });
    expect(online).toMatchObject({ deviceId: phone.id, orgId: acme.orgId, vehicleId: 'van-osmand' });
  });

  it.each([
    [
      'a latitude out of range',
      (d: RegisteredDevice) => ({ id: d.uniqueId, key: d.secret, lat: '91', lon: '13' }),
      400,
      'LATITUDE_OUT_OF_RANGE',
      'lat',
    ],
    [
      'no device id',
      (d: RegisteredDevice) => ({ key: d.secret, lat: '52', lon: '13' }),
      400,
      'MISSING_DEVICE_ID',
      'deviceid',
    ],
    [
      '0,0 (no fix)',
      (d: RegisteredDevice) => ({ id: d.uniqueId, key: d.secret, lat: '0', lon: '0' }),
      400,
      'NO_FIX',
      'lat,lon',
    ],
    [
      'an unknown device',
      (d: RegisteredDevice) => ({ id: 'nobody-123', key: d.secret, lat: '52', lon: '13' }),
      404,
      'DEVICE_NOT_FOUND',
      undefined,
    ],
    [
      'a wrong secret',
      (d: RegisteredDevice) => ({ id: d.uniqueId, key: `mcd_${'x'.repeat(43)}`, lat: '52', lon: '13' }),
      404,
      'DEVICE_NOT_FOUND',
      undefined,
    ],
    [
      'no secret',
      (d: RegisteredDevice) => ({ id: d.uniqueId, lat: '52', lon: '13' }),
      401,
      'UNAUTHORIZED',
      undefined,
    ],
  ])('refuses an OsmAnd request with %s and stores nothing', async (_case, queryOf, status, code, field) => {
    // Prepare
    const device = await cloud.register(acme, 'van-refused');

    // Act
    const response = await osmand('GET', queryOf(device));
    const body = (await response.json()) as {
      error: { code: string; message: string; fields?: { path: string }[] };
    };

    // Assess
    expect(response.status).toBe(status);
    expect(body.error.code).toBe(code);
    if (field) expect(body.error.fields?.[0]?.path).toBe(field);
    expect(body.error.message).not.toContain(device.secret);
    expect(await storedCount(device.id)).toBe(0);
  });

  it('takes a batch with a positions:write key, all or nothing, counting repeats', async () => {
    // Prepare
    const tracker = await cloud.register(acme, 'truck-batch', 'imei-batch-1');
    const positions = [0, 1, 2].map((i) => ({
      deviceId: 'imei-batch-1',
      fixTime: minutesAgo(50, i * 10).toISOString(),
      latitude: 48.1 + i / 1000,
      longitude: 11.5,
      speedKph: 30,
    }));

    // Act
    const first = await batch(batchKey, { positions });
    const again = await batch(batchKey, {
      positions: [...positions, { ...positions[0], fixTime: minutesAgo(49).toISOString() }],
    });
    const bad = await batch(batchKey, {
      positions: [positions[0], { ...positions[1], latitude: 91 }, { ...positions[2], speed: 3 }],
    });
    const unknown = await batch(batchKey, { positions: [{ ...positions[0], deviceId: 'imei-nobody' }] });
    const unscoped = await batch(readKey, { positions });

    // Assess
    expect(first).toMatchObject({ status: 202, body: { accepted: 3, duplicates: 0 } });
    expect(again).toMatchObject({ status: 202, body: { accepted: 1, duplicates: 3 } });
    expect(bad.status).toBe(400);
    expect(errorCode(bad)).toBe('INVALID_BATCH');
    expect(
      (bad.body as unknown as { error: { fields: { path: string }[] } }).error.fields.map((f) => f.path),
    ).toEqual(['positions[1].latitude', 'positions[2].speed']);
    expect(unknown.status).toBe(404);
    expect(errorCode(unknown)).toBe('DEVICE_NOT_FOUND');
    expect(unscoped.status).toBe(403);
    expect(errorCode(unscoped)).toBe('INSUFFICIENT_SCOPE');
    expect(await storedCount(tracker.id)).toBe(4);
  });

  it('detects a stop and a trip, posting vehicleStopped and vehicleMoving and listing them', async () => {
    // Prepare: parked five minutes, then driving off a kilometre.
    await cloud.register(acme, 'truck-motion', 'imei-motion');
    const parked = Array.from({ length: 11 }, (_, i) => ({ point: BERLIN, at: minutesAgo(40, i * 30) }));
    const driving = [1, 2, 3, 4].map((i) => ({
      point: destinationPoint(BERLIN, 90, i * 300),
      at: minutesAgo(34, i * 30),
    }));
    const positions = [...parked, ...driving].map(({ point, at }) => ({
      deviceId: 'imei-motion',
      fixTime: at.toISOString(),
      ...point,
    }));

    // Act
    const response = await batch(batchKey, { positions });
    const trips = await request<{
      status: string;
      odometerMetres: number;
      trips: { endedAt: string | null; distanceMetres: number }[];
      stops: { endedAt: string | null; position: { lat: number; lon: number } }[];
    }>('GET', `${api}/vehicles/truck-motion/trips`, { token: acme.tokens.admin });
    const moving = await waitFor(
      async () => (await busEvents('vehicleMoving', 'vehicleId', 'truck-motion'))[0],
      {
        what: 'vehicleMoving on the bus',
      },
    );

    // Assess
    expect(response.body).toEqual({ accepted: 15, duplicates: 0 });
    expect(trips.status).toBe(200);
    expect(trips.body.status).toBe('moving');
    expect(trips.body.stops).toHaveLength(1);
    expect(trips.body.stops[0]?.endedAt).not.toBeNull();
    expect(trips.body.trips).toEqual([expect.objectContaining({ endedAt: null })]);
    expect(trips.body.odometerMetres).toBeGreaterThan(1000);
    expect(moving).toMatchObject({
      vehicleId: 'truck-motion',
      orgId: acme.orgId,
      position: { lat: expect.any(Number) },
    });
    expect(await busEvents('vehicleStopped', 'vehicleId', 'truck-motion')).toHaveLength(1);
    expect(await busEvents('vehicleMoving', 'vehicleId', 'truck-motion')).toHaveLength(1);
  });

  it('refuses history and trips to a driver, and shows another organisation nothing', async () => {
    // Prepare
    const globex = await seedTenant(cloud, 'globex');

    // Act
    const asDriver = await history('truck-batch', acme.tokens.driver1);
    const asOther = await history('truck-batch', globex.tokens.admin);
    const badRange = await request('GET', `${api}/vehicles/truck-batch/trips?from=yesterday`, {
      token: acme.tokens.admin,
    });

    // Assess
    expect(asDriver.status).toBe(403);
    expect(errorCode(asDriver)).toBe('FORBIDDEN');
    expect(asOther).toMatchObject({ status: 200, body: { positions: [], truncated: false } });
    expect(badRange.status).toBe(400);
  });

  it('takes positions a device publishes over MQTT to fleet/<deviceId>/position', async () => {
    // Prepare
    const device = await cloud.register(acme, 'scooter-mqtt');
    const client = await connectAsync(cloud.cloud.broker?.url ?? '', {
      clientId: device.id,
      username: device.id,
      password: device.secret,
      reconnectPeriod: 0,
    });

    // Act
    try {
      await client.publishAsync(
        `fleet/${device.id}/position`,
        JSON.stringify({
          lat: 50.11,
          lon: 8.68,
          fixTime: minutesAgo(5).toISOString(),
          speedKph: 12,
          heading: 45,
        }),
        { qos: 1 },
      );
      await client.publishAsync(
        `fleet/${device.id}/position`,
        JSON.stringify({ lat: 95, lon: 8.68, fixTime: minutesAgo(4).toISOString() }),
        { qos: 1 },
      );
      await client.publishAsync(
        `fleet/${device.id}/position`,
        JSON.stringify({ lat: 50.12, lon: 8.69, fixTime: minutesAgo(3).toISOString() }),
        { qos: 1 },
      );
    } finally {
      await client.endAsync();
    }
    const stored = await waitFor(
      async () => {
        const shown = await history('scooter-mqtt');
        return shown.body.positions.length >= 2 ? shown.body.positions : undefined;
      },
      { what: 'the MQTT positions to be stored' },
    );

    // Assess
    expect(stored.map((position) => [position.lat, position.speedKph, position.heading])).toEqual([
      [50.11, 12, 45],
      [50.12, null, null],
    ]);
    expect(await storedCount(device.id)).toBe(2);
  });

  it('sends one PositionFeed message per organisation and request, with the new latest positions', async () => {
    // Prepare
    const phone = await cloud.register(acme, 'van-feed', 'phone-feed');

    // Act
    await osmand('GET', { id: phone.uniqueId, key: phone.secret, lat: '51.05', lon: '13.74', speed: '0' });
    const message = await waitFor(
      async () => {
        const { Messages = [] } = await cloud.sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: cloud.feedQueueUrl,
            MaxNumberOfMessages: 10,
            WaitTimeSeconds: 1,
          }),
        );
        for (const received of Messages)
          await cloud.sqs.send(
            new DeleteMessageCommand({ QueueUrl: cloud.feedQueueUrl, ReceiptHandle: received.ReceiptHandle }),
          );
        return Messages.map(
          (received) => JSON.parse(received.Body ?? '{}') as { orgId: string; positions: FeedPosition[] },
        ).find((body) => body.positions.some((position) => position.vehicleId === 'van-feed'));
      },
      { what: 'the feed message of van-feed' },
    );

    // Assess
    expect(message).toEqual({
      orgId: acme.orgId,
      positions: [
        {
          vehicleId: 'van-feed',
          deviceId: phone.id,
          lat: 51.05,
          lon: 13.74,
          fixTime: expect.any(String),
          speedKph: 0,
          heading: null,
        },
      ],
    });
  });

  it('ranks vehicles by distance with NearestVehicles, naming those without a position', async () => {
    // Prepare
    for (const [vehicleId, metres] of [
      ['near-far', 3000],
      ['near-close', 100],
      ['near-mid', 1200],
    ] as const) {
      await cloud.register(acme, vehicleId, `imei-${vehicleId}`);
      const point = destinationPoint({ latitude: 45.0, longitude: 7.0 }, 0, metres);
      await batch(batchKey, {
        positions: [{ deviceId: `imei-${vehicleId}`, fixTime: minutesAgo(1).toISOString(), ...point }],
      });
    }

    // Act
    const ranked = await cloud.call(
      'tracking',
      'NearestVehicles',
      {
        latitude: 45.0,
        longitude: 7.0,
        vehicleIds: ['near-far', 'ghost', 'near-close', 'near-mid'],
        orgId: acme.orgId,
      },
      nearest,
    );
    const withoutOrg = await cloud.call(
      'tracking',
      'NearestVehicles',
      { latitude: 45.0, longitude: 7.0, vehicleIds: ['near-mid', 'near-close'] },
      nearest,
    );

    // Assess
    expect(ranked.vehicles.map((vehicle) => vehicle.vehicleId)).toEqual([
      'near-close',
      'near-mid',
      'near-far',
    ]);
    expect(ranked.vehicles[0]?.distanceMetres).toBeCloseTo(100, 0);
    expect(ranked.unknown).toEqual(['ghost']);
    expect(withoutOrg.vehicles.map((vehicle) => vehicle.vehicleId)).toEqual(['near-close', 'near-mid']);
  });

  it('posts deviceOffline once for a device silent longer than the timeout', async () => {
    // Prepare
    const phone = await cloud.register(acme, 'van-offline', 'phone-offline');
    await osmand('GET', { id: phone.uniqueId, key: phone.secret, lat: '53.55', lon: '9.99' });
    await new Promise((resolve) => setTimeout(resolve, (TEST_OFFLINE_SECONDS + 1) * 1000));

    // Act
    await cloud.triggerSweep();
    const offline = await waitFor(async () => (await busEvents('deviceOffline', 'deviceId', phone.id))[0], {
      what: 'deviceOffline on the bus',
    });
    await cloud.triggerSweep();
    await new Promise((resolve) => setTimeout(resolve, 1000));

    // Assess
    expect(offline).toMatchObject({ deviceId: phone.id, orgId: acme.orgId, vehicleId: 'van-offline' });
    expect(await busEvents('deviceOffline', 'deviceId', phone.id)).toHaveLength(1);
  });
});
