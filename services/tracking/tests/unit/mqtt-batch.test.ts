import { describe, expect, it } from 'vitest';
import {
  type EventPublisher,
  type IngestionStore,
  ingestByOrganisation,
  type PositionFeedSender,
  readMqttBatch,
  TRACKING_ERROR,
  type TrackedPosition,
} from '../../src/domain/index.js';

const NOW = new Date('2024-05-01T12:00:00Z');
const DEVICE = '6f1c2a3b-0000-4000-8000-000000000001';
const body = (overrides: Record<string, unknown> = {}) =>
  JSON.stringify({ deviceId: DEVICE, lat: 52.5, lon: 13.4, fixTime: '2024-05-01T11:59:00Z', ...overrides });

describe('readMqttBatch', () => {
  it('reads every valid message of a batch, keeping its message id', () => {
    // Act
    const { positions, refused } = readMqttBatch(
      [
        { id: 'm1', body: body() },
        { id: 'm2', body: body({ fixTime: '2024-05-01T11:59:05Z', speedKph: 30 }) },
      ],
      NOW,
    );

    // Assess
    expect(refused).toEqual([]);
    expect(positions.map(({ id, position }) => [id, position.deviceId, position.speedKph])).toEqual([
      ['m1', DEVICE, null],
      ['m2', DEVICE, 30],
    ]);
  });

  it.each([
    ['a body that is not JSON', 'lat=52.5', undefined, TRACKING_ERROR.malformedBody, /not JSON/],
    [
      'no device id from the topic',
      JSON.stringify({ lat: 52.5, lon: 13.4 }),
      undefined,
      TRACKING_ERROR.invalidDeviceId,
      /deviceId/,
    ],
    [
      'a topic id that is not a device id',
      body({ deviceId: 'van-1' }),
      'van-1',
      TRACKING_ERROR.invalidDeviceId,
      /UUID/,
    ],
    ['a latitude out of range', body({ lat: 95 }), DEVICE, TRACKING_ERROR.latitudeOutOfRange, /^lat 95/],
    ['an unknown field', body({ speed: 3 }), DEVICE, TRACKING_ERROR.unknownField, /speed/],
  ])(
    'refuses %s, naming the problem, and keeps the rest of the batch',
    (_what, bad, deviceId, code, problem) => {
      // Act
      const { positions, refused } = readMqttBatch(
        [
          { id: 'good', body: body() },
          { id: 'bad', body: bad },
        ],
        NOW,
      );

      // Assess
      expect(positions.map(({ id }) => id)).toEqual(['good']);
      expect(refused).toEqual([{ id: 'bad', deviceId, code, problem: expect.stringMatching(problem) }]);
    },
  );
});

describe('ingestByOrganisation', () => {
  const position = (orgId: string, vehicleId: string, second: number): TrackedPosition => ({
    deviceId: `${vehicleId}-device`,
    orgId,
    vehicleId,
    fixTime: new Date(Date.UTC(2024, 4, 1, 11, 59, second)),
    latitude: 52.5,
    longitude: 13.4,
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

  /** A store that records each call's organisations, and fails for the organisations named. */
  function ports(failing: readonly string[] = []) {
    const calls: string[][] = [];
    const feed: string[] = [];
    const store: IngestionStore = {
      record: async (positions, _devices, _receivedAt, plan, stored) => {
        const orgs = [...new Set(positions.map((p) => p.orgId))];
        calls.push(orgs);
        if (orgs.some((org) => failing.includes(org))) throw new Error('database unavailable');
        plan({ inserted: positions, motion: new Map(), presence: new Map() });
        stored?.(positions);
        return { inserted: positions, latest: positions };
      },
    };
    const events: EventPublisher = { publish: async () => undefined };
    const sender: PositionFeedSender = {
      send: async (messages) => {
        feed.push(...messages.map((message) => message.orgId));
      },
    };
    return { ports: { store, events, feed: sender }, calls, feed };
  }

  it('stores each organisation in its own ingestion, with one feed message each', async () => {
    // Prepare
    const { ports: p, calls, feed } = ports();

    // Act
    const result = await ingestByOrganisation(
      p,
      [
        { id: 'a1', position: position('org-a', 'van-1', 1) },
        { id: 'b1', position: position('org-b', 'van-2', 1) },
        { id: 'a2', position: position('org-a', 'van-1', 6) },
      ],
      NOW,
    );

    // Assess
    expect(calls).toEqual([['org-a'], ['org-b']]);
    expect(feed).toEqual(['org-a', 'org-b']);
    expect(result).toEqual({ accepted: 3, duplicates: 0, failures: [] });
  });

  it('returns the messages of an organisation that failed, and still stores the others', async () => {
    // Prepare
    const { ports: p, calls } = ports(['org-a']);

    // Act
    const result = await ingestByOrganisation(
      p,
      [
        { id: 'a1', position: position('org-a', 'van-1', 1) },
        { id: 'b1', position: position('org-b', 'van-2', 1) },
        { id: 'a2', position: position('org-a', 'van-1', 6) },
      ],
      NOW,
    );

    // Assess
    expect(calls).toEqual([['org-a'], ['org-b']]);
    expect(result.accepted).toBe(1);
    expect(result.failures).toEqual([{ orgId: 'org-a', ids: ['a1', 'a2'], error: expect.any(Error) }]);
  });
});
