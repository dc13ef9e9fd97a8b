import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { waitFor } from '../../../event-bus/tests/integration/support/wait-for.js';
import { errorCode, request } from '../../../users/tests/support/api-client.js';
import { seedTenant, type Tenant } from '../../../users/tests/support/tenants.js';
import { destinationPoint } from '../../src/domain/geodesy.js';
import type { TrackingCloud } from './support/tracking-cloud.js';
import { minutesAgo, startTrackingSuite, type TrackingSuite } from './support/tracking-suite.js';

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

// What tracking answers about vehicles — trips and stops, history, the nearest ones — and to whom.
describe('tracking queries', () => {
  let cloud: TrackingCloud;
  let acme: Tenant;
  let api: string;
  let batchKey: string;
  let batch: TrackingSuite['batch'];
  let busEvents: TrackingSuite['busEvents'];
  let history: TrackingSuite['history'];

  beforeAll(async () => {
    ({ cloud, acme, api, batchKey, batch, busEvents, history } = await startTrackingSuite());
    // truck-batch has positions in acme, so another organisation's empty history of it means something.
    await cloud.register(acme, 'truck-batch', 'imei-batch-1');
    const stored = await batch(batchKey, {
      positions: [
        {
          deviceId: 'imei-batch-1',
          fixTime: minutesAgo(50).toISOString(),
          latitude: 48.1,
          longitude: 11.5,
          speedKph: 30,
        },
      ],
    });
    if (stored.status !== 202) throw new Error(`Seeding truck-batch failed: ${JSON.stringify(stored.body)}`);
  }, 240_000);
  afterAll(async () => {
    await cloud?.close();
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
});
