import { describe, expect, it } from 'vitest';
import { decide } from '../../src/domain/index.js';
import { at, Bus, CENTRE, foldAll, nearestFrom, T0, tick } from './support/fleet.js';

const nearest = nearestFrom({
  v1: { lat: CENTRE.lat, lon: CENTRE.lon + 0.01 },
  v2: { lat: CENTRE.lat, lon: CENTRE.lon + 0.02 },
});

describe('the offer sweep', () => {
  it.each([
    { seconds: 59, expired: false },
    { seconds: 60, expired: true },
    { seconds: 600, expired: true },
  ])('after $seconds s, expires the offer: $expired', async ({ seconds, expired }) => {
    // Prepare
    const bus = new Bus();
    const { state } = await foldAll([bus.vehicleStatus('v1', 'available'), bus.itemCreated('i1')], {
      now: T0,
      nearest,
    });

    // Act
    const decision = await decide(state, tick, { now: at(seconds), nearest });

    // Assess
    expect(decision.state.offers['i1:1']?.status).toBe(expired ? 'expired' : 'open');
  });

  it('moves an expired offer on to the next vehicle, with a fresh deadline', async () => {
    // Prepare
    const bus = new Bus();
    const { state } = await foldAll(
      [bus.vehicleStatus('v1', 'available'), bus.vehicleStatus('v2', 'available'), bus.itemCreated('i1')],
      { now: T0, nearest },
    );

    // Act
    const decision = await decide(state, tick, { now: at(61), nearest });

    // Assess
    expect(decision.emit).toMatchObject([
      { type: 'allocationExpired', detail: { offerId: 'i1:1', vehicleId: 'v1', reason: 'deadline' } },
      {
        type: 'allocationOffered',
        detail: { offerId: 'i1:2', vehicleId: 'v2', deadline: at(121).toISOString() },
      },
    ]);
  });

  it('honours a configured answer time', async () => {
    // Prepare
    const bus = new Bus();
    const settings = { offerTtlMs: 5_000 };

    // Act
    const { emitted } = await foldAll([bus.vehicleStatus('v1', 'available'), bus.itemCreated('i1')], {
      now: T0,
      nearest,
      settings,
    });

    // Assess
    expect(emitted).toMatchObject([{ detail: { deadline: at(5).toISOString() } }]);
  });

  it('refuses an unknown setting', async () => {
    // Prepare
    const bus = new Bus();
    const settings = { offerTtl: 5_000 } as unknown as { offerTtlMs: number };

    // Act
    const attempt = decide(emptyState(), bus.itemCreated('i1'), { now: T0, nearest, settings });

    // Assess
    await expect(attempt).rejects.toThrow(/offerTtl/);
  });

  it.each([
    { minutes: 9, failed: false },
    { minutes: 10, failed: true },
  ])('after $minutes minutes with no vehicle, gives the item up: $failed', async ({ minutes, failed }) => {
    // Prepare
    const bus = new Bus();
    const { state } = await foldAll([bus.vehicleRegistered('v1'), bus.itemCreated('i1')], {
      now: T0,
      nearest,
    });

    // Act
    const decision = await decide(state, tick, { now: at(minutes * 60), nearest });

    // Assess
    expect(decision.emit).toEqual(
      failed
        ? [
            {
              type: 'allocationFailed',
              detail: { itemId: 'i1', orgId: 'org-1', reason: 'waitedTooLong', tried: [] },
            },
          ]
        : [],
    );
  });

  it('offers a long-waiting item to a vehicle that is free at sweep time rather than giving it up', async () => {
    // Prepare
    const bus = new Bus();
    const { state } = await foldAll(
      [bus.vehicleStatus('v1', 'available'), bus.itemCreated('i1'), bus.itemCreated('i2')],
      { now: T0, nearest },
    );

    // Act
    const decision = await decide(state, tick, { now: at(600), nearest });

    // Assess
    // i2 waited ten minutes behind i1's offer, but v1 is free now: it gets its chance.
    expect(decision.emit.map((event) => [event.type, event.detail.itemId])).toEqual([
      ['allocationExpired', 'i1'],
      ['allocationFailed', 'i1'],
      ['allocationOffered', 'i2'],
    ]);
    expect(decision.emit[1]).toMatchObject({ detail: { reason: 'noVehicleLeft' } });
  });
});

function emptyState() {
  return { items: {}, vehicles: {}, offers: {} };
}
