import { describe, expect, it } from 'vitest';
import { type AllocationInput, allocationInputSchema, decide } from '../../src/domain/index.js';
import { Bus, CENTRE, foldAll, nearestFrom, T0 } from './support/fleet.js';

const positions = { v1: { lat: CENTRE.lat, lon: CENTRE.lon + 0.01 } };
const ctx = { now: T0, nearest: nearestFrom(positions) };

/** A vehicle status change of v1 with the vehicles service's `version`. */
const change = (bus: Bus, availability: 'offline' | 'available' | 'busy', version: number) =>
  bus.vehicleStatus('v1', availability, 'org-1', version);

const offersTo = (emitted: readonly { type: string; detail: unknown }[]) =>
  emitted
    .filter((event) => event.type === 'allocationOffered')
    .map((event) => (event.detail as { vehicleId: string }).vehicleId);

describe('vehicle availability ordered by the vehicles service’s version', () => {
  it('ignores an older available that the bus logged after a newer busy, and offers the vehicle nothing', async () => {
    // Prepare: on duty (version 1) and allocated (version 2); the bus logs the on-duty change last.
    const bus = new Bus();
    const registered = bus.vehicleRegistered('v1', 'org-1', 'offline', 0);
    const busy = change(bus, 'busy', 2);
    const lateAvailable = change(bus, 'available', 1);
    const { state } = await foldAll([registered, busy], ctx);

    // Act
    const late = await decide(state, lateAvailable, ctx);
    const item = await decide(late.state, bus.itemCreated('i1'), ctx);

    // Assess
    expect(late.outcome).toBe('stale');
    expect(late.state.vehicles.v1).toMatchObject({ availability: 'busy', availabilityVersion: 2 });
    expect(offersTo(item.emit)).toEqual([]);
  });

  it('frees a vehicle whose release the bus logged before its allocation', async () => {
    // Prepare: available (1) → busy/allocated (2) → available/released (3), the release logged first.
    const bus = new Bus();
    const available = change(bus, 'available', 1);
    const released = change(bus, 'available', 3);
    const allocated = change(bus, 'busy', 2);

    // Act
    const { state, last } = await foldAll([available, released, allocated], ctx);

    // Assess
    expect(last?.outcome).toBe('stale');
    expect(state.vehicles.v1).toMatchObject({ availability: 'available', availabilityVersion: 3 });
  });

  it('keeps allocation’s own busy mark against an old available, and frees the vehicle on the next release', async () => {
    // Prepare: v1 on duty (version 1), offered i1, its driver accepts (allocation marks it busy).
    const bus = new Bus();
    const onDuty = change(bus, 'available', 1);
    const { state: offered } = await foldAll([onDuty, bus.itemCreated('i1')], ctx);
    const accepted = await decide(offered, bus.accept('i1:1', 'v1'), ctx);

    // Act: the on-duty change again, late; a second item; then the vehicles service's own changes.
    const { state: afterLate, emitted: whileBusy } = await foldAll(
      [onDuty, change(bus, 'available', 0), bus.itemCreated('i2')],
      ctx,
      accepted.state,
    );
    const allocated = await decide(afterLate, change(bus, 'busy', 2), ctx);
    const released = await decide(allocated.state, change(bus, 'available', 3), ctx);

    // Assess
    expect(accepted.state.vehicles.v1).toMatchObject({ availability: 'busy', availabilityVersion: 1 });
    expect(afterLate.vehicles.v1?.availability).toBe('busy');
    expect(offersTo(whileBusy)).toEqual([]);
    expect(allocated.outcome).toBe('applied');
    expect(released.outcome).toBe('applied');
    expect(released.state.vehicles.v1).toMatchObject({ availability: 'available', availabilityVersion: 3 });
    expect(offersTo(released.emit)).toEqual(['v1']);
  });

  it('frees a vehicle after allocation’s own busy mark even when the release overtakes busy/allocated', async () => {
    // Prepare
    const bus = new Bus();
    const { state: offered } = await foldAll([change(bus, 'available', 1), bus.itemCreated('i1')], ctx);
    const accepted = await decide(offered, bus.accept('i1:1', 'v1'), ctx);
    const released = change(bus, 'available', 3);
    const allocated = change(bus, 'busy', 2);

    // Act
    const { state } = await foldAll([released, allocated], ctx, accepted.state);

    // Assess
    expect(state.vehicles.v1).toMatchObject({ availability: 'available', availabilityVersion: 3 });
  });

  it('reports the same version again as a duplicate', async () => {
    // Prepare
    const bus = new Bus();
    const { state } = await foldAll([change(bus, 'busy', 4)], ctx);

    // Act: the same change, posted twice, logged under a second id
    const again = await decide(state, change(bus, 'busy', 4), ctx);

    // Assess
    expect(again.outcome).toBe('duplicate');
  });
});

describe('vehicle availability without versions (events from before them)', () => {
  it.each<{ case: string; inputs: (bus: Bus) => AllocationInput[]; expected: string }>([
    {
      case: 'neither has a version: the higher bus id wins',
      inputs: (bus) => {
        const older = bus.vehicleStatus('v1', 'available');
        return [bus.vehicleStatus('v1', 'busy'), older];
      },
      expected: 'busy',
    },
    {
      case: 'a versioned fact over a register without one: the higher bus id wins',
      inputs: (bus) => {
        const older = bus.vehicleStatus('v1', 'available', 'org-1', 5);
        return [bus.vehicleStatus('v1', 'busy'), older];
      },
      expected: 'busy',
    },
    {
      case: 'a fact without a version over a versioned register: the higher bus id wins',
      inputs: (bus) => {
        const older = bus.vehicleStatus('v1', 'available');
        return [bus.vehicleStatus('v1', 'busy', 'org-1', 1), older];
      },
      expected: 'busy',
    },
    {
      case: 'a fact without a version, logged later, replaces a versioned register',
      inputs: (bus) => [bus.vehicleStatus('v1', 'busy', 'org-1', 7), bus.vehicleStatus('v1', 'available')],
      expected: 'available',
    },
  ])('orders by bus id when $case', async ({ inputs, expected }) => {
    // Act
    const { state } = await foldAll(inputs(new Bus()), ctx);

    // Assess
    expect(state.vehicles.v1?.availability).toBe(expected);
  });

  it('parses vehicle events with and without a version, and refuses a version that is no count', () => {
    // Prepare
    const envelope = (detail: Record<string, unknown>) => ({
      type: 'vehicleStatusChanged',
      id: '9',
      detail: { vehicleId: 'v1', orgId: 'org-1', availability: 'busy', ...detail },
    });

    // Act
    const withVersion = allocationInputSchema.parse(envelope({ version: 3, reason: 'allocated' }));
    const without = allocationInputSchema.parse(envelope({}));
    const negative = allocationInputSchema.safeParse(envelope({ version: -1 }));
    const text = allocationInputSchema.safeParse(envelope({ version: '3' }));

    // Assess
    expect(withVersion).toMatchObject({ detail: { version: 3 } });
    expect(without.type === 'vehicleStatusChanged' && without.detail.version).toBeUndefined();
    expect([negative.success, text.success]).toEqual([false, false]);
  });
});
