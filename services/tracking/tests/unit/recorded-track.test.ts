import { describe, expect, it } from 'vitest';
import {
  initialMotionState,
  type MotionChange,
  replayMotion,
  type VehicleMoving,
  type VehicleStopped,
} from '../../src/domain/index.js';
import { generateTrack, type Leg } from './support/track.js';

const START = new Date('2024-05-01T07:30:00Z');
const DEPOT = { latitude: 52.5208, longitude: 13.4094 };

/**
 * A delivery van's morning as a phone records it, every fix scattered within 8 m: parked at the
 * depot, a drive with a halt at lights, a delivery, a drive into a tunnel car park where the phone
 * loses the network for 90 minutes, and the last drop-off.
 */
const LEGS: readonly Leg[] = [
  { kind: 'park', seconds: 300, every: 30 }, // 0: at the depot
  { kind: 'drive', seconds: 600, every: 10, speedMps: 12, bearing: 90 }, // 1: 7.2 km east
  { kind: 'park', seconds: 60, every: 10 }, // 2: traffic lights
  { kind: 'drive', seconds: 300, every: 10, speedMps: 10, bearing: 0 }, // 3: 3 km north
  { kind: 'park', seconds: 420, every: 30 }, // 4: the first delivery, 7 minutes
  { kind: 'drive', seconds: 400, every: 10, speedMps: 12, bearing: 270 }, // 5: 4.8 km west
  { kind: 'silence', seconds: 5400, metres: 5000, bearing: 180 }, // 6: 90 minutes unheard, 5 km south
  { kind: 'drive', seconds: 200, every: 10, speedMps: 12, bearing: 180 }, // 7: 2.4 km south
  { kind: 'park', seconds: 600, every: 60 }, // 8: the last drop-off
];

const iso = (seconds: number): string => new Date(START.getTime() + seconds * 1000).toISOString();
/** Seconds after START of an ISO time. */
const secondsOf = (time: string | undefined): number => (Date.parse(time ?? '') - START.getTime()) / 1000;
/** A stop begins when the van comes within 200 m of where it stands: at most one fix (10 s) early. */
const expectArrival = (time: string | undefined, arrival: number): void => {
  expect(secondsOf(time)).toBeGreaterThanOrEqual(arrival - 10);
  expect(secondsOf(time)).toBeLessThanOrEqual(arrival);
};
const stoppedOf = (changes: readonly MotionChange[]): VehicleStopped[] =>
  changes.filter((change): change is VehicleStopped => change.type === 'vehicleStopped');
const movingOf = (changes: readonly MotionChange[]): VehicleMoving[] =>
  changes.filter((change): change is VehicleMoving => change.type === 'vehicleMoving');

describe('trip and stop detection over a recorded-style track', () => {
  const track = generateTrack({
    deviceId: 'van-7',
    start: START,
    origin: DEPOT,
    accuracy: 8,
    legs: LEGS,
    seed: 2024,
  });
  const [, drive1, , , delivery, drive2, silence, drive3, lastDrop] = track.legStarts as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const result = replayMotion(initialMotionState(), track.fixes);

  it('emits only the seven state changes of the morning, in order', () => {
    // Assess
    expect(track.fixes).toHaveLength(192);
    expect(result.changes.map(({ type }) => type)).toEqual([
      'vehicleStopped', // parked at the depot
      'vehicleMoving', // leaves the depot
      'vehicleStopped', // the first delivery (the lights were too short to count)
      'vehicleMoving', // leaves the customer
      'vehicleStopped', // the silence ends the trip
      'vehicleMoving', // reappears 5 km away, driving
      'vehicleStopped', // the last drop-off
    ]);
    expect(result.outcomes.applied).toBe(track.fixes.length);
  });

  it('finds the stops where and when they began', () => {
    const [depot, firstDelivery, gap, lastDropOff] = stoppedOf(result.changes);

    expect(depot).toMatchObject({ since: iso(0), at: iso(180), reason: 'dwell', trip: null });
    expect(firstDelivery).toMatchObject({ at: iso(delivery + 180), reason: 'dwell' });
    expectArrival(firstDelivery?.since, delivery);
    expect(gap).toMatchObject({ since: iso(silence), at: iso(silence), reason: 'gap' });
    expect(lastDropOff).toMatchObject({ at: iso(lastDrop + 180), reason: 'dwell' });
    expectArrival(lastDropOff?.since, lastDrop);
  });

  it('reports each trip with its start, end and distance', () => {
    const trips = stoppedOf(result.changes).flatMap(({ trip }) => (trip ? [trip] : []));

    expect(trips).toHaveLength(3);
    const [first, second, third] = trips;
    // Trip 1: the depot to the first customer, 7.2 km + 3 km, the halt at the lights inside it.
    expect(first?.startedAt).toBe(iso(drive1 + 10));
    expectArrival(first?.endedAt, delivery);
    expect(first?.distanceMetres).toBeGreaterThan(10_200 * 0.98);
    expect(first?.distanceMetres).toBeLessThan(10_200 * 1.02);
    // Trip 2: 4.8 km, cut by the silence at its last position.
    expect(second).toMatchObject({ endedAt: iso(silence) });
    expect(second?.distanceMetres).toBeGreaterThan(4_800 * 0.98);
    expect(second?.distanceMetres).toBeLessThan(4_800 * 1.02);
    // Trip 3: from where the phone reappeared; the distance across the silence is not its own.
    expect(third?.startedAt).toBe(iso(drive3));
    expectArrival(third?.endedAt, lastDrop);
    expect(third?.distanceMetres).toBeGreaterThan(2_400 * 0.97);
    expect(third?.distanceMetres).toBeLessThan(2_400 * 1.03);
  });

  it('says which stop each departure ended', () => {
    const [leaveDepot, leaveCustomer, reappear] = movingOf(result.changes);

    expect(leaveDepot?.stop).toMatchObject({ startedAt: iso(0) });
    expect(leaveCustomer?.stop?.endedAt).toBe(iso(drive2 + 10));
    expectArrival(leaveCustomer?.stop?.startedAt, delivery);
    expect(reappear).toMatchObject({ at: iso(drive3), tripStartedAt: iso(drive3) });
  });

  it('counts the distance really driven, the silence included, and none of the jitter', () => {
    // 7.2 + 3 + 4.8 km driven, 5 km unheard, 2.4 km: 22.4 km; parked jitter would add kilometres.
    expect(track.metresDriven).toBe(22_400);
    expect(result.state.odometerMetres).toBeGreaterThan(22_400 * 0.98);
    expect(result.state.odometerMetres).toBeLessThan(22_400 * 1.01);
  });

  it('ends the morning stopped at the last drop-off', () => {
    expect(result.state.status).toBe('stopped');
    expect(result.state.trip).toBeNull();
  });

  it('gives the same changes when the recording arrives shuffled and with every fix sent twice', () => {
    const doubled = [...track.fixes, ...track.fixes].sort(
      (a, b) => ((a.latitude * 1e6) % 7) - ((b.latitude * 1e6) % 7),
    );

    const replayed = replayMotion(initialMotionState(), doubled);

    expect(replayed.changes).toEqual(result.changes);
    expect(replayed.state).toEqual(result.state);
    expect(replayed.outcomes.duplicate).toBe(track.fixes.length);
  });
});
