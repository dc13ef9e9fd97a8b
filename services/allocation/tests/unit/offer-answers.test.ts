import { describe, expect, it } from 'vitest';
import {
  ALLOCATION_ERROR,
  type AllocationState,
  decide,
  findInvariantViolations,
  OfferRefusedError,
} from '../../src/domain/index.js';
import { at, Bus, CENTRE, foldAll, nearestFrom, T0 } from './support/fleet.js';

const positions = {
  v1: { lat: CENTRE.lat, lon: CENTRE.lon + 0.01 },
  v2: { lat: CENTRE.lat, lon: CENTRE.lon + 0.02 },
};
const nearest = nearestFrom(positions);
const ctx = { now: T0, nearest };

/** Two available vehicles and item i1 offered to v1 (offer i1:1). */
async function offeredToV1(bus: Bus): Promise<AllocationState> {
  const { state } = await foldAll(
    [bus.vehicleStatus('v1', 'available'), bus.vehicleStatus('v2', 'available'), bus.itemCreated('i1')],
    ctx,
  );
  return state;
}

describe('answering an offer', () => {
  it('allocates the item to the vehicle whose driver accepts, and makes that vehicle busy', async () => {
    // Prepare
    const bus = new Bus();
    const state = await offeredToV1(bus);

    // Act
    const decision = await decide(state, bus.accept('i1:1', 'v1', 'd1'), ctx);

    // Assess
    expect(decision.outcome).toBe('applied');
    expect(decision.emit).toEqual([
      {
        type: 'allocationAccepted',
        detail: { offerId: 'i1:1', itemId: 'i1', orgId: 'org-1', vehicleId: 'v1', driverId: 'd1' },
      },
    ]);
    expect(decision.state.items.i1).toMatchObject({ status: 'accepted', acceptedVehicleId: 'v1' });
    expect(decision.state.vehicles.v1).toMatchObject({ availability: 'busy', openOfferId: null });
  });

  it('moves the item to the next nearest vehicle when the driver rejects', async () => {
    // Prepare
    const bus = new Bus();
    const state = await offeredToV1(bus);

    // Act
    const decision = await decide(state, bus.reject('i1:1', 'v1'), ctx);

    // Assess
    expect(
      decision.emit.map((event) => [
        event.type,
        event.detail.itemId,
        'vehicleId' in event.detail && event.detail.vehicleId,
      ]),
    ).toEqual([
      ['allocationRejected', 'i1', 'v1'],
      ['allocationOffered', 'i1', 'v2'],
    ]);
    expect(decision.state.items.i1).toMatchObject({ tried: ['v1'], currentOfferId: 'i1:2' });
  });

  it('fails the item when every vehicle of its organisation has rejected it', async () => {
    // Prepare
    const bus = new Bus();
    const first = await decide(await offeredToV1(bus), bus.reject('i1:1', 'v1'), ctx);

    // Act
    const decision = await decide(first.state, bus.reject('i1:2', 'v2'), ctx);

    // Assess
    expect(decision.emit.at(-1)).toEqual({
      type: 'allocationFailed',
      detail: { itemId: 'i1', orgId: 'org-1', reason: 'noVehicleLeft', tried: ['v1', 'v2'] },
    });
    expect(decision.state.items.i1?.status).toBe('failed');
  });

  it.each([
    { answer: 'accept', makeAnswer: (bus: Bus) => bus.accept('i1:1', 'v1') },
    { answer: 'reject', makeAnswer: (bus: Bus) => bus.reject('i1:1', 'v1') },
  ])('treats the same $answer delivered again as a harmless repeat', async ({ makeAnswer }) => {
    // Prepare
    const bus = new Bus();
    const answer = makeAnswer(bus);
    const once = await decide(await offeredToV1(bus), answer, ctx);

    // Act
    const twice = await decide(once.state, answer, ctx);

    // Assess
    expect(twice).toMatchObject({ outcome: 'duplicate', emit: [] });
    expect(twice.state).toEqual(once.state);
  });

  it.each<{
    why: string;
    code: string;
    answerAt: number;
    steps: (bus: Bus) => Parameters<typeof decide>[1][];
  }>([
    {
      why: 'names no offer',
      code: ALLOCATION_ERROR.offerNotFound,
      answerAt: 0,
      steps: (bus) => [bus.accept('nope', 'v1')],
    },
    {
      why: 'comes from another vehicle',
      code: ALLOCATION_ERROR.offerNotForVehicle,
      answerAt: 0,
      steps: (bus) => [bus.accept('i1:1', 'v2')],
    },
    {
      why: 'arrives after the sweep expired the offer',
      code: ALLOCATION_ERROR.offerExpired,
      answerAt: 61,
      steps: (bus) => [{ type: 'offersDue' }, bus.accept('i1:1', 'v1')],
    },
    {
      why: 'arrives at the deadline, before the sweep',
      code: ALLOCATION_ERROR.offerExpired,
      answerAt: 60,
      steps: (bus) => [bus.accept('i1:1', 'v1')],
    },
    {
      why: 'accepts an offer the driver already rejected',
      code: ALLOCATION_ERROR.offerSuperseded,
      answerAt: 0,
      steps: (bus) => [bus.reject('i1:1', 'v1'), bus.accept('i1:1', 'v1')],
    },
    {
      why: 'rejects an offer the driver already accepted',
      code: ALLOCATION_ERROR.offerSuperseded,
      answerAt: 0,
      steps: (bus) => [bus.accept('i1:1', 'v1'), bus.reject('i1:1', 'v1')],
    },
    {
      why: 'accepts an offer withdrawn when the vehicle went off duty',
      code: ALLOCATION_ERROR.offerSuperseded,
      answerAt: 0,
      steps: (bus) => [bus.vehicleStatus('v1', 'offline'), bus.accept('i1:1', 'v1')],
    },
  ])('refuses an answer that $why', async ({ code, answerAt, steps }) => {
    // Prepare
    const bus = new Bus();
    const start = await offeredToV1(bus);
    const inputs = steps(bus);
    const answer = inputs.pop()!;
    const { state } = await foldAll(inputs, { now: at(answerAt), nearest }, start);

    // Act
    const decision = await decide(state, answer, { now: at(answerAt), nearest });

    // Assess
    expect(decision.outcome).toBe('refused');
    expect(decision.refusal?.code).toBe(code);
    expect(decision.emit.some((event) => event.type === 'allocationAccepted')).toBe(false);
    expect(findInvariantViolations(decision.state)).toEqual([]);
  });

  it('closes an offer answered past its deadline and moves on, even before the sweep runs', async () => {
    // Prepare
    const bus = new Bus();
    const state = await offeredToV1(bus);

    // Act
    const decision = await decide(state, bus.accept('i1:1', 'v1'), { now: at(90), nearest });

    // Assess
    expect(decision.emit.map((event) => event.type)).toEqual(['allocationExpired', 'allocationOffered']);
    expect(decision.state.items.i1).toMatchObject({ status: 'offered', tried: ['v1'] });
  });

  it('does not offer a vehicle that accepted again until vehicles reports it available after the acceptance', async () => {
    // Prepare
    const bus = new Bus();
    const staleAvailable = bus.vehicleStatus('v1', 'available');
    const { state } = await foldAll([staleAvailable, bus.itemCreated('i1')], ctx);
    const accepted = await foldAll(
      [bus.accept('i1:1', 'v1'), bus.itemCreated('i2'), staleAvailable],
      ctx,
      state,
    );

    // Act
    const released = await decide(accepted.state, bus.vehicleStatus('v1', 'available'), ctx);

    // Assess
    expect(accepted.state.items.i2?.status).toBe('waiting');
    expect(released.emit).toMatchObject([
      { type: 'allocationOffered', detail: { itemId: 'i2', vehicleId: 'v1' } },
    ]);
  });
});

describe('OfferRefusedError', () => {
  it('carries the refusal code and offer id for the driver API', () => {
    // Act
    const error = new OfferRefusedError({
      code: ALLOCATION_ERROR.offerExpired,
      offerId: 'i1:1',
      message: 'late',
    });

    // Assess
    expect(error).toMatchObject({
      name: 'OfferRefusedError',
      code: 'OFFER_EXPIRED',
      offerId: 'i1:1',
      message: 'late',
    });
  });
});
