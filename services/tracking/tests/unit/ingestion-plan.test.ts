import { describe, expect, it } from 'vitest';
import {
  destinationPoint,
  type IngestionSnapshot,
  initialMotionState,
  planIngestion,
  type TrackedPosition,
} from '../../src/domain/index.js';

const DEVICE = { deviceId: '5b0e7f2c-0000-4000-8000-000000000001', orgId: 'org-1', vehicleId: 'van-1' };
const HOME = { latitude: 52.52, longitude: 13.405 };
const T0 = Date.parse('2024-05-01T10:00:00Z');
const RECEIVED = new Date('2024-05-01T11:00:00Z');

const fix = (seconds: number, point = HOME): TrackedPosition => ({
  ...DEVICE,
  ...point,
  fixTime: new Date(T0 + seconds * 1000),
  valid: true,
  speedKnots: null,
  speedKph: null,
  course: null,
  altitude: null,
  accuracy: null,
  battery: null,
  charging: null,
  attributes: {},
});

const snapshot = (
  inserted: TrackedPosition[],
  overrides: Partial<IngestionSnapshot> = {},
): IngestionSnapshot => ({
  inserted,
  motion: new Map(),
  presence: new Map(),
  ...overrides,
});

describe('planIngestion', () => {
  it('announces a device never seen as online, once', () => {
    // Act
    const first = planIngestion(snapshot([fix(0)]), [DEVICE], RECEIVED);
    const next = planIngestion(
      snapshot([fix(30)], {
        presence: new Map([
          [DEVICE.deviceId, { deviceId: DEVICE.deviceId, lastSeenAt: RECEIVED, status: 'online' }],
        ]),
      }),
      [DEVICE],
      new Date(RECEIVED.getTime() + 30_000),
    );

    // Assess
    expect(first.events).toEqual([
      { type: 'deviceOnline', detail: { ...DEVICE, at: RECEIVED.toISOString() } },
    ]);
    expect(first.presence).toEqual([{ ...DEVICE, lastSeenAt: RECEIVED, status: 'online' }]);
    expect(next.events).toEqual([]);
  });

  it('turns a stop and a departure into events and a finished stop, never one event per position', () => {
    // Prepare: parked four minutes, then 900 m east.
    const parked = Array.from({ length: 9 }, (_, i) => fix(i * 30));
    const away = [1, 2, 3].map((i) => fix(240 + i * 30, destinationPoint(HOME, 90, i * 300)));

    // Act
    const plan = planIngestion(snapshot([...parked, ...away]), [DEVICE], RECEIVED);

    // Assess
    expect(plan.events.map((event) => event.type)).toEqual([
      'deviceOnline',
      'vehicleStopped',
      'vehicleMoving',
    ]);
    expect(plan.events[2]).toMatchObject({
      detail: {
        vehicleId: 'van-1',
        orgId: 'org-1',
        deviceId: DEVICE.deviceId,
        position: { lat: expect.any(Number) },
      },
    });
    expect(plan.segments).toEqual([
      expect.objectContaining({ kind: 'stop', vehicleId: 'van-1', distanceMetres: 0 }),
    ]);
    expect(plan.motion).toHaveLength(1);
    expect(plan.motion[0]?.state.status).toBe('moving');
  });

  it('leaves the motion state alone when nothing new was applied', () => {
    // Prepare: the stored state has already seen a later fix.
    const state = { ...initialMotionState(), last: { ...HOME, atMs: T0 + 600_000 } };

    // Act
    const plan = planIngestion(
      snapshot([fix(0)], { motion: new Map([['org-1/van-1', state]]) }),
      [DEVICE],
      RECEIVED,
    );

    // Assess
    expect(plan.motion).toEqual([]);
    expect(plan.segments).toEqual([]);
  });
});
