import { describe, expect, it } from 'vitest';
import {
  advanceMotion,
  expireMotion,
  initialMotionState,
  type MotionChange,
  type MotionFix,
  type MotionState,
  motionRules,
  motionStateSchema,
  replayMotion,
  TRACKING_ERROR,
} from '../../src/domain/index.js';
import { caught } from './support/caught.js';
import { fixAt } from './support/track.js';

const START = new Date('2024-05-01T08:00:00Z');
const DEPOT = { latitude: 52.5, longitude: 13.4 };
const at = (seconds: number, north: number, east = 0, extra: Partial<MotionFix> = {}): MotionFix =>
  fixAt(START, DEPOT, seconds, north, east, extra);
const iso = (seconds: number): string => new Date(START.getTime() + seconds * 1000).toISOString();

/** Feeds fixes in the order given (not sorted) and collects every change. */
function feed(fixes: readonly MotionFix[], state: MotionState = initialMotionState()) {
  const changes: MotionChange[] = [];
  let current = state;
  for (const fix of fixes) {
    const step = advanceMotion(current, fix);
    current = step.state;
    changes.push(...step.changes);
  }
  return { state: current, changes };
}

/** Parked at the depot long enough to be stopped: 0…240 s. */
const parked = [at(0, 0), at(60, 5), at(120, -5), at(180, 3), at(240, 0)];

describe('advanceMotion', () => {
  it('emits nothing for the first position and keeps the status unknown', () => {
    const { state, changes } = feed([at(0, 0)]);

    expect(state.status).toBe('unknown');
    expect(changes).toEqual([]);
  });

  it('emits vehicleStopped once a device has stayed 180 s within 200 m', () => {
    const { state, changes } = feed(parked);

    expect(state.status).toBe('stopped');
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({
      type: 'vehicleStopped',
      at: iso(180),
      since: iso(0),
      reason: 'dwell',
      trip: null,
    });
  });

  it('does not call 179 s a stop', () => {
    const { state, changes } = feed([at(0, 0), at(90, 10), at(179, 0)]);

    expect(state.status).toBe('unknown');
    expect(changes).toEqual([]);
  });

  it('starts a trip when the device is 200 m from the stop point, leaving at its last position inside', () => {
    const { state, changes } = feed([...parked, at(250, 150), at(260, 210)]);

    expect(state.status).toBe('moving');
    expect(changes.map((change) => change.type)).toEqual(['vehicleStopped', 'vehicleMoving']);
    expect(changes[1]).toMatchObject({
      type: 'vehicleMoving',
      at: iso(260),
      tripStartedAt: iso(250),
      stop: { startedAt: iso(0), endedAt: iso(250), durationSeconds: 250 },
    });
  });

  it('stays stopped while the device wanders less than 200 m from the stop point', () => {
    const { state, changes } = feed([...parked, at(300, 150), at(360, -190, 20), at(420, 0, 199)]);

    expect(state.status).toBe('stopped');
    expect(changes).toHaveLength(1);
  });

  it('emits vehicleMoving with no stop for a device first seen on the move, its trip starting there', () => {
    const { changes } = feed([at(0, 0), at(10, 120), at(20, 240)]);

    expect(changes).toEqual([
      expect.objectContaining({ type: 'vehicleMoving', at: iso(20), tripStartedAt: iso(0), stop: null }),
    ]);
  });

  it('emits one change for a long drive, not one per position', () => {
    const drive = Array.from({ length: 100 }, (_, i) => at(i * 10, i * 120));

    expect(feed(drive).changes).toHaveLength(1);
  });

  it('ends a trip where the vehicle arrived, with its distance and duration', () => {
    // Prepare: parked, a 2.4 km drive north, then 200 s at the customer.
    const drive = Array.from({ length: 20 }, (_, i) => at(250 + (i + 1) * 10, (i + 1) * 120));
    const arrival = [at(460, 2400), at(520, 2405), at(580, 2398), at(660, 2402)];

    // Act
    const { state, changes } = feed([...parked, ...drive, ...arrival]);

    // Assess
    expect(state.status).toBe('stopped');
    const stopped = changes.at(-1);
    // The stop began at 440 s, when the van came within 200 m of where it stood (120 m out).
    expect(stopped).toMatchObject({ type: 'vehicleStopped', at: iso(660), since: iso(440), reason: 'dwell' });
    if (stopped?.type !== 'vehicleStopped' || !stopped.trip) throw new Error('expected a trip');
    // It left at 260 s, its last position within 200 m of the depot (120 m out).
    expect(stopped.trip).toMatchObject({ startedAt: iso(260), endedAt: iso(440), durationSeconds: 180 });
    expect(stopped.trip.distanceMetres).toBeCloseTo(2400, -1);
    expect(stopped.location.latitude).toBeCloseTo(at(0, 2402).latitude, 7);
  });

  it('does not count a 60 s halt at traffic lights as a stop', () => {
    const drive = Array.from({ length: 10 }, (_, i) => at(300 + i * 10, i * 120));
    const lights = [at(400, 1080), at(430, 1082), at(460, 1081)];
    const onwards = [at(470, 1200), at(480, 1320)];

    const { changes } = feed([...parked, ...drive, ...lights, ...onwards]);

    expect(changes.map((change) => change.type)).toEqual(['vehicleStopped', 'vehicleMoving']);
  });

  it('ends a trip at the last position before a silence of more than an hour', () => {
    const drive = [at(300, 240), at(310, 360), at(320, 480)];
    const afterGap = at(320 + 3601, 480);

    const { state, changes } = feed([...parked, ...drive, afterGap]);

    expect(state.status).toBe('stopped');
    expect(changes.at(-1)).toMatchObject({
      type: 'vehicleStopped',
      at: iso(320),
      since: iso(320),
      reason: 'gap',
      trip: { startedAt: iso(240), endedAt: iso(320) },
    });
  });

  it('after a long silence, starts a new trip where the device reappears far away', () => {
    const drive = [at(300, 240), at(310, 360)];
    const reappears = at(310 + 4000, 5000);

    const { state, changes } = feed([...parked, ...drive, reappears]);

    expect(changes.slice(-2)).toEqual([
      expect.objectContaining({ type: 'vehicleStopped', reason: 'gap', at: iso(310) }),
      expect.objectContaining({ type: 'vehicleMoving', at: iso(4310), tripStartedAt: iso(4310) }),
    ]);
    expect(state.trip).toMatchObject({ startedAtMs: START.getTime() + 4310 * 1000 });
  });

  it('does not treat a silence of exactly an hour as a gap', () => {
    const drive = [at(300, 240), at(310, 360)];

    const { changes } = feed([...parked, ...drive, at(310 + 3600, 480)]);

    expect(changes.map((change) => change.type)).toEqual(['vehicleStopped', 'vehicleMoving']);
  });

  it.each([
    ['the same fix time', 240, 'duplicate'],
    ['an earlier fix time', 100, 'out-of-order'],
  ] as const)('leaves the state untouched for a position with %s', (_name, seconds, outcome) => {
    const { state } = feed(parked);

    const step = advanceMotion(state, at(seconds, 5000));

    expect(step).toEqual({ state, changes: [], outcome });
    expect(step.state).toBe(state);
  });

  it('ignores a fix the device marked not valid', () => {
    const { state } = feed(parked);

    const step = advanceMotion(state, at(300, 5000, 0, { valid: false }));

    expect(step).toEqual({ state, changes: [], outcome: 'invalid' });
  });

  it('never mutates the state it is given', () => {
    const { state } = feed(parked);
    const before = structuredClone(state);

    advanceMotion(state, at(300, 1000));

    expect(state).toEqual(before);
  });
});

describe('the odometer', () => {
  it('ignores jitter within the fixes accuracy', () => {
    const jitter = Array.from({ length: 30 }, (_, i) =>
      at(i * 5, i % 2 === 0 ? 3 : -3, i % 3 === 0 ? 2 : -2),
    );

    expect(feed(jitter).state.odometerMetres).toBe(0);
  });

  it('adds up slow real movement made of steps smaller than the jitter threshold', () => {
    // 2 m/s in a queue for two minutes: too fast to be a stop, 4 m steps each below the threshold.
    const creep = Array.from({ length: 61 }, (_, i) => at(i * 2, i * 4, 0, { accuracy: 3 }));

    expect(feed(creep).state.odometerMetres).toBeCloseTo(240, -1);
  });

  it('counts nothing while the vehicle is stopped, however long its phone wanders', () => {
    const wander = Array.from({ length: 100 }, (_, i) =>
      at(300 + i * 60, (i % 5) * 30, (i % 7) * 20, { accuracy: 10 }),
    );

    const { state } = feed([...parked, ...wander]);

    expect(state.status).toBe('stopped');
    expect(state.odometerMetres).toBe(0);
  });

  it('counts the way out of a stop from the last counted point', () => {
    const { state } = feed([...parked, at(250, 150), at(260, 300)]);

    expect(state.odometerMetres).toBeCloseTo(300, -1);
  });

  it('starts from a carried-over reading', () => {
    const { state } = feed([at(0, 0), at(10, 500)], initialMotionState(1_000_000));

    expect(state.odometerMetres).toBeCloseTo(1_000_500, -1);
  });
});

describe('expireMotion', () => {
  const moving = feed([...parked, at(300, 240), at(310, 360)]).state;

  it('closes a trip whose device has been silent for more than an hour', () => {
    const { state, changes } = expireMotion(moving, 'dev-1', new Date(START.getTime() + (310 + 3601) * 1000));

    expect(state.status).toBe('stopped');
    expect(changes).toEqual([
      expect.objectContaining({ type: 'vehicleStopped', reason: 'gap', at: iso(310) }),
    ]);
  });

  it('leaves a recently heard trip open', () => {
    const result = expireMotion(moving, 'dev-1', new Date(START.getTime() + 1000 * 1000));

    expect(result).toEqual({ state: moving, changes: [] });
  });

  it('then treats the next position near the last one as still stopped', () => {
    const { state } = expireMotion(moving, 'dev-1', new Date(START.getTime() + 5000 * 1000));

    expect(advanceMotion(state, at(5000, 370)).changes).toEqual([]);
  });
});

describe('motion state', () => {
  it('survives a round trip through JSON and its schema, as the store keeps it', () => {
    const { state } = feed([...parked, at(300, 240)]);

    const restored = motionStateSchema.parse(JSON.parse(JSON.stringify(state)));

    expect(restored).toEqual(state);
    expect(advanceMotion(restored, at(310, 360))).toEqual(advanceMotion(state, at(310, 360)));
  });
});

describe('replayMotion', () => {
  it('gives the same result for shuffled positions as for ordered ones, counting repeats', () => {
    const fixes = [...parked, at(250, 150), at(260, 300), at(270, 420)];
    const shuffled = [
      fixes[6]!,
      fixes[2]!,
      fixes[0]!,
      fixes[7]!,
      fixes[4]!,
      fixes[1]!,
      fixes[3]!,
      fixes[5]!,
      fixes[2]!,
    ];

    const ordered = replayMotion(initialMotionState(), fixes);
    const replayed = replayMotion(initialMotionState(), shuffled);

    expect(replayed.state).toEqual(ordered.state);
    expect(replayed.changes).toEqual(ordered.changes);
    expect(replayed.outcomes).toEqual({ applied: 8, duplicate: 1, 'out-of-order': 0, invalid: 0 });
  });
});

describe('motionRules', () => {
  it('merges overrides into the defaults', () => {
    expect(motionRules({ maxGapSeconds: 1800 })).toMatchObject({
      maxGapSeconds: 1800,
      stopMinimumSeconds: 180,
    });
  });

  it('uses the overrides it is given', () => {
    const rules = motionRules({ stopMinimumSeconds: 60 });
    let state = initialMotionState();
    for (const fix of [at(0, 0), at(60, 5)]) state = advanceMotion(state, fix, rules).state;

    expect(state.status).toBe('stopped');
  });

  it.each([
    ['an unknown rule', { stopRadius: 100 }],
    ['zero', { stopRadiusMetres: 0 }],
    ['a negative value', { maxGapSeconds: -1 }],
    ['NaN', { tripStartMetres: Number.NaN }],
  ])('refuses %s', (_name, overrides) => {
    expect(caught(() => motionRules(overrides as Record<string, number>)).code).toBe(
      TRACKING_ERROR.invalidOption,
    );
  });
});
