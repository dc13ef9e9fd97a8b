import { describe, expect, it } from 'vitest';
import { type Availability, decide } from '../../src/domain/index.js';
import { Bus, foldAll, nearestFrom, T0 } from './support/fleet.js';

const ctx = { now: T0, nearest: nearestFrom({}) };

describe('vehicle availability', () => {
  it.each<{ order: string; delivered: number[]; expected: Availability }>([
    { order: 'in order', delivered: [0, 1, 2], expected: 'busy' },
    { order: 'newest first', delivered: [2, 1, 0], expected: 'busy' },
    { order: 'with repeats', delivered: [1, 2, 2, 0, 1], expected: 'busy' },
    { order: 'newest missing', delivered: [1, 0, 1], expected: 'available' },
  ])('keeps the latest reported availability when events arrive $order', async ({ delivered, expected }) => {
    // Prepare
    const bus = new Bus();
    const events = [
      bus.vehicleRegistered('v1'),
      bus.vehicleStatus('v1', 'available'),
      bus.vehicleStatus('v1', 'busy'),
    ];

    // Act
    const { state } = await foldAll(
      delivered.map((index) => events[index]!),
      ctx,
    );

    // Assess
    expect(state.vehicles.v1?.availability).toBe(expected);
  });

  it.each([
    { seen: 'the same event', outcome: 'duplicate' },
    { seen: 'a later event', outcome: 'stale' },
  ])('reports an event as $outcome after $seen', async ({ outcome }) => {
    // Prepare
    const bus = new Bus();
    const older = bus.vehicleStatus('v1', 'offline');
    const newer = bus.vehicleStatus('v1', 'available');
    const { state } = await foldAll([outcome === 'duplicate' ? older : newer], ctx);

    // Act
    const decision = await decide(state, older, ctx);

    // Assess
    expect(decision).toMatchObject({ outcome, emit: [] });
  });

  it.each<Availability>(['offline', 'busy'])(
    'withdraws the open offer of a vehicle that goes %s, and offers the item elsewhere',
    async (availability) => {
      // Prepare
      const bus = new Bus();
      const positions = { v1: { lat: 0, lon: 0.01 }, v2: { lat: 0, lon: 0.02 } };
      const near = { now: T0, nearest: nearestFrom(positions) };
      const { state } = await foldAll(
        [
          bus.vehicleStatus('v1', 'available'),
          bus.vehicleStatus('v2', 'available'),
          bus.itemCreated('i1', 'org-1', { lat: 0, lon: 0 }),
        ],
        near,
      );

      // Act
      const decision = await decide(state, bus.vehicleStatus('v1', availability), near);

      // Assess
      expect(decision.emit).toMatchObject([
        {
          type: 'allocationExpired',
          detail: { offerId: 'i1:1', vehicleId: 'v1', reason: 'vehicleUnavailable' },
        },
        { type: 'allocationOffered', detail: { offerId: 'i1:2', vehicleId: 'v2' } },
      ]);
      // Going off duty is not a refusal: the vehicle may be asked again when it is back.
      expect(decision.state.items.i1?.tried).toEqual([]);
    },
  );

  it('learns a vehicle from a status change that overtook its registration', async () => {
    // Prepare
    const bus = new Bus();
    const registered = bus.vehicleRegistered('v1');
    const available = bus.vehicleStatus('v1', 'available');

    // Act
    const { state } = await foldAll([available, registered], ctx);

    // Assess
    expect(state.vehicles.v1).toMatchObject({ orgId: 'org-1', availability: 'available' });
  });
});
