import { describe, expect, it } from 'vitest';
import { rankCandidates } from '../../src/domain/dispatch.js';
import {
  type AllocationInput,
  decide,
  emptyAllocationState,
  findInvariantViolations,
} from '../../src/domain/index.js';
import { Bus, CENTRE, foldAll, nearestFrom, T0 } from './support/fleet.js';

const positions = {
  near: { lat: CENTRE.lat, lon: CENTRE.lon + 0.01 },
  middle: { lat: CENTRE.lat, lon: CENTRE.lon + 0.02 },
  far: { lat: CENTRE.lat, lon: CENTRE.lon + 0.05 },
};
const ctx = { now: T0, nearest: nearestFrom(positions) };

describe('offering an item', () => {
  it('offers a new item to the nearest available vehicle, with a 60 s deadline', async () => {
    // Prepare
    const bus = new Bus();
    const vehicles = ['far', 'near', 'middle'].map((id) => bus.vehicleStatus(id, 'available'));

    // Act
    const { state, emitted } = await foldAll([...vehicles, bus.itemCreated('i1')], ctx);

    // Assess
    expect(emitted).toEqual([
      {
        type: 'allocationOffered',
        detail: {
          offerId: 'i1:1',
          itemId: 'i1',
          orgId: 'org-1',
          vehicleId: 'near',
          pickup: CENTRE,
          deadline: '2030-01-01T08:01:00.000Z',
        },
      },
    ]);
    expect(state.items.i1).toMatchObject({ status: 'offered', currentOfferId: 'i1:1' });
    expect(state.vehicles.near?.openOfferId).toBe('i1:1');
  });

  it.each<{ why: string; setup: (bus: Bus) => AllocationInput[] }>([
    { why: 'is offline', setup: (bus) => [bus.vehicleStatus('near', 'offline')] },
    { why: 'is busy', setup: (bus) => [bus.vehicleStatus('near', 'busy')] },
    {
      why: 'belongs to another organisation',
      setup: (bus) => [bus.vehicleStatus('near', 'available', 'org-2')],
    },
    {
      why: 'already holds an open offer',
      setup: (bus) => [bus.vehicleStatus('near', 'available'), bus.itemCreated('other')],
    },
  ])('passes over the nearest vehicle when it $why', async ({ setup }) => {
    // Prepare
    const bus = new Bus();
    const inputs = [...setup(bus), bus.vehicleStatus('far', 'available'), bus.itemCreated('i1')];

    // Act
    const { state } = await foldAll(inputs, ctx);

    // Assess
    expect(state.offers[state.items.i1?.currentOfferId ?? '']?.vehicleId).toBe('far');
    expect(findInvariantViolations(state)).toEqual([]);
  });

  it('keeps an item waiting while no vehicle is available, and offers it when one comes on duty', async () => {
    // Prepare
    const bus = new Bus();
    const { state: waiting, emitted: before } = await foldAll(
      [bus.vehicleRegistered('near'), bus.itemCreated('i1')],
      ctx,
    );

    // Act
    const decision = await decide(waiting, bus.vehicleStatus('near', 'available'), ctx);

    // Assess
    expect(before).toEqual([]);
    expect(waiting.items.i1?.status).toBe('waiting');
    expect(decision.emit).toMatchObject([{ type: 'allocationOffered', detail: { vehicleId: 'near' } }]);
  });

  it('serves waiting items oldest first (by bus id), whatever order they arrived in', async () => {
    // Prepare
    const bus = new Bus();
    const older = bus.itemCreated('older');
    const newer = bus.itemCreated('newer');

    // Act
    const { state } = await foldAll([newer, older, bus.vehicleStatus('near', 'available')], ctx);

    // Assess
    expect(state.items.older?.status).toBe('offered');
    expect(state.items.newer?.status).toBe('waiting');
  });

  it('offers vehicles tracking cannot place after those it can', async () => {
    // Prepare
    const bus = new Bus();
    const inputs = [bus.vehicleStatus('unplaced', 'available'), bus.vehicleStatus('far', 'available')];

    // Act
    const { emitted } = await foldAll([...inputs, bus.itemCreated('i1')], ctx);

    // Assess
    expect(emitted).toMatchObject([{ detail: { vehicleId: 'far' } }]);
  });

  it('does not change the state it is given', async () => {
    // Prepare
    const bus = new Bus();
    const { state } = await foldAll([bus.vehicleStatus('near', 'available')], ctx);
    const snapshot = structuredClone(state);

    // Act
    await decide(state, bus.itemCreated('i1'), ctx);

    // Assess
    expect(state).toEqual(snapshot);
  });

  it('treats a repeated itemCreated as a no-op', async () => {
    // Prepare
    const bus = new Bus();
    const created = bus.itemCreated('i1');
    const { state } = await foldAll([bus.vehicleStatus('near', 'available'), created], ctx);

    // Act
    const decision = await decide(state, created, ctx);

    // Assess
    expect(decision).toMatchObject({ outcome: 'duplicate', emit: [] });
    expect(decision.state).toBe(state);
  });

  it('leaves the given state whole when nearest fails', async () => {
    // Prepare
    const bus = new Bus();
    const start = emptyAllocationState();
    const failing = { now: T0, nearest: () => Promise.reject(new Error('tracking is down')) };
    const { state } = await foldAll([bus.vehicleStatus('near', 'available')], ctx, start);

    // Act
    const attempt = decide(state, bus.itemCreated('i1'), failing);

    // Assess
    await expect(attempt).rejects.toThrow('tracking is down');
    expect(state.items).toEqual({});
  });
});

describe('rankCandidates', () => {
  it.each([
    { ranked: ['b', 'a'], candidates: ['a', 'b'], expected: ['b', 'a'] },
    { ranked: ['c'], candidates: ['a', 'b', 'c'], expected: ['c', 'a', 'b'] },
    { ranked: ['x', 'b', 'b'], candidates: ['a', 'b'], expected: ['b', 'a'] },
    { ranked: [], candidates: ['a'], expected: ['a'] },
  ])('orders $candidates by $ranked as $expected', ({ ranked, candidates, expected }) => {
    // Act
    const order = rankCandidates(ranked, candidates);

    // Assess
    expect(order).toEqual(expected);
  });
});
