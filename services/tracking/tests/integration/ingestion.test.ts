import { connectAsync } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../../event-bus/tests/integration/support/wait-for.js';
import { errorCode, request } from '../../../users/tests/support/api-client.js';
import type { Tenant } from '../../../users/tests/support/tenants.js';
import type { RegisteredDevice, TrackingCloud } from './support/tracking-cloud.js';
import {
  type FeedPosition,
  minutesAgo,
  startTrackingSuite,
  type TrackingSuite,
} from './support/tracking-suite.js';

// The three ways positions come in — OsmAnd HTTP, batch JSON with an API key, MQTT — and what they refuse.
describe('tracking ingestion', () => {
  let cloud: TrackingCloud;
  let acme: Tenant;
  let api: string;
  let batchKey: string;
  let readKey: string;
  let osmand: TrackingSuite['osmand'];
  let batch: TrackingSuite['batch'];
  let storedCount: TrackingSuite['storedCount'];
  let busEvents: TrackingSuite['busEvents'];
  let history: TrackingSuite['history'];

  beforeAll(async () => {
    ({ cloud, acme, api, batchKey, readKey, osmand, batch, storedCount, busEvents, history } =
      await startTrackingSuite());
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
});
