import { describe, expect, it } from 'vitest';
import { ALLOCATION_ERROR, type AllocationEvent } from '../../src/domain/index.js';
import { deliver, type Scenario, settledOutcome } from './support/delivery.js';
import { CENTRE, seededRandom } from './support/fleet.js';

const PERMUTATIONS = 200;
const east = (km: number) => ({ lat: CENTRE.lat, lon: CENTRE.lon + km / 68 });

// Where order cannot matter: whatever the interleaving, there is only one reasonable outcome, so a
// shuffled, duplicated delivery must settle exactly as in-order delivery does.
const converging: Scenario[] = [
  {
    name: 'one vehicle whose driver accepts',
    facts: (bus) => [
      bus.vehicleRegistered('v1'),
      bus.vehicleStatus('v1', 'available'),
      bus.itemCreated('i1'),
    ],
    drivers: { v1: 'accept' },
    positions: { v1: east(1) },
  },
  {
    name: 'one vehicle whose driver rejects',
    facts: (bus) => [
      bus.vehicleRegistered('v1'),
      bus.vehicleStatus('v1', 'available'),
      bus.itemCreated('i1'),
    ],
    drivers: { v1: 'reject' },
    positions: { v1: east(1) },
  },
  {
    name: 'one vehicle whose driver never answers',
    facts: (bus) => [bus.vehicleStatus('v1', 'available'), bus.itemCreated('i1')],
    drivers: { v1: 'silent' },
    positions: { v1: east(1) },
  },
  {
    name: 'a vehicle that flaps off and on duty before accepting',
    facts: (bus) => [
      bus.vehicleRegistered('v1'),
      bus.vehicleStatus('v1', 'available'),
      bus.vehicleStatus('v1', 'offline'),
      bus.vehicleStatus('v1', 'available'),
      bus.itemCreated('i1'),
    ],
    drivers: { v1: 'accept' },
    positions: { v1: east(1) },
  },
  {
    name: 'two organisations, each with one vehicle and one item',
    facts: (bus) => [
      bus.vehicleRegistered('v1', 'org-1', 'available'),
      bus.vehicleRegistered('v2', 'org-2', 'available'),
      bus.itemCreated('i1', 'org-1'),
      bus.itemCreated('i2', 'org-2'),
    ],
    drivers: { v1: 'accept', v2: 'accept' },
    positions: { v1: east(1), v2: east(2) },
  },
];

// Where order can matter: which vehicle is free, or known, when an item is decided depends on what
// arrived first (that is what "nearest available" means), and an answer racing its deadline may
// win or lose. Here only the guarantees are asserted, never a particular winner.
const racing: Scenario[] = [
  {
    // If the item overtakes the off-duty event, the driver may accept before it lands: a real race.
    name: 'a vehicle that goes off duty for good, racing an item',
    facts: (bus) => [
      bus.vehicleStatus('v1', 'available'),
      bus.vehicleStatus('v1', 'offline'),
      bus.itemCreated('i1'),
    ],
    drivers: { v1: 'accept' },
    positions: { v1: east(1) },
  },
  {
    name: 'three drivers (accepting, rejecting, silent) and four items, with a 5 s deadline',
    facts: (bus) => [
      ...['v1', 'v2', 'v3'].map((id) => bus.vehicleStatus(id, 'available')),
      ...['i1', 'i2', 'i3', 'i4'].map((id) => bus.itemCreated(id)),
      bus.vehicleStatus('v2', 'offline'),
      bus.vehicleStatus('v2', 'available'),
    ],
    drivers: { v1: 'accept', v2: 'reject', v3: 'silent' },
    positions: { v1: east(3), v2: east(1), v3: east(2) },
    settings: { offerTtlMs: 5_000 },
  },
  {
    name: 'two accepting drivers competing for three items, with a 3 s deadline',
    facts: (bus) => [
      bus.vehicleRegistered('v1', 'org-1', 'available'),
      bus.vehicleRegistered('v2', 'org-1', 'available'),
      ...['i1', 'i2', 'i3'].map((id) => bus.itemCreated(id)),
    ],
    drivers: { v1: 'accept', v2: 'accept' },
    positions: { v1: east(1), v2: east(2) },
    settings: { offerTtlMs: 3_000 },
  },
];

const expiryRace: Scenario = {
  name: 'an accept racing its 2 s deadline',
  facts: (bus) => [bus.vehicleStatus('v1', 'available'), bus.itemCreated('i1')],
  drivers: { v1: 'accept' },
  positions: { v1: east(1) },
  settings: { offerTtlMs: 2_000 },
};

const seeds = Array.from({ length: PERMUTATIONS }, (_, index) => index + 1);

describe('delivery twice and out of order', () => {
  it.each(converging)('settles "$name" exactly as in-order delivery does', async (scenario) => {
    // Prepare
    const expected = await deliver(scenario);

    for (const seed of seeds) {
      // Act
      const run = await deliver(scenario, { random: seededRandom(seed) });

      // Assess
      expect(run.breaches, `seed ${seed}`).toEqual([]);
      expect(settledOutcome(run.state), `seed ${seed}`).toEqual(settledOutcome(expected.state));
      expect(settledEvents(run.emitted), `seed ${seed}`).toEqual(settledEvents(expected.emitted));
    }
    expect(expected.breaches).toEqual([]);
  });

  it.each(racing)('keeps every guarantee for "$name"', async (scenario) => {
    for (const seed of seeds) {
      // Act
      const run = await deliver(scenario, { random: seededRandom(seed), tickChance: 0.3 });

      // Assess
      expect(run.breaches, `seed ${seed}`).toEqual([]);
      const items = Object.values(run.state.items);
      expect(
        items.every((item) => item.status === 'accepted' || item.status === 'failed'),
        `seed ${seed}`,
      ).toBe(true);
      for (const item of items) {
        const accepted = run.emitted.filter(
          (e) => e.type === 'allocationAccepted' && e.detail.itemId === item.itemId,
        );
        const failed = run.emitted.filter(
          (e) => e.type === 'allocationFailed' && e.detail.itemId === item.itemId,
        );
        expect([accepted.length, failed.length], `seed ${seed} item ${item.itemId}`).toEqual(
          item.status === 'accepted' ? [1, 0] : [0, 1],
        );
      }
      // No driver in these scenarios comes back after a delivery, so a vehicle takes one item at most.
      const takers = items.flatMap((item) =>
        item.acceptedVehicleId === null ? [] : [item.acceptedVehicleId],
      );
      expect(new Set(takers).size, `seed ${seed}`).toBe(takers.length);
    }
  });

  it('lets an accept racing its deadline either win or be refused as expired, never both', async () => {
    // Prepare
    const outcomes = new Set<string>();

    for (const seed of seeds) {
      // Act
      const run = await deliver(expiryRace, { random: seededRandom(seed), tickChance: 0.5 });

      // Assess
      expect(run.breaches, `seed ${seed}`).toEqual([]);
      const item = run.state.items.i1!;
      outcomes.add(item.status);
      const expiredOffers = run.emitted.flatMap((e) =>
        e.type === 'allocationExpired' ? [e.detail.offerId] : [],
      );
      if (item.status === 'accepted') {
        expect(expiredOffers, `seed ${seed}`).toEqual([]);
      } else {
        expect(item.status, `seed ${seed}`).toBe('failed');
        expect(expiredOffers, `seed ${seed}`).toEqual(['i1:1']);
        expect(
          run.refusals.map((refusal) => refusal.code),
          `seed ${seed}`,
        ).toContain(ALLOCATION_ERROR.offerExpired);
      }
    }
    // Both sides of the race were exercised, or the test proves nothing.
    expect([...outcomes].sort()).toEqual(['accepted', 'failed']);
  });
});

/** How many items were accepted and failed, and by whom: offers and expiries may differ by order. */
function settledEvents(events: readonly AllocationEvent[]): string[] {
  return events
    .flatMap((event) => {
      if (event.type === 'allocationAccepted')
        return [`accepted ${event.detail.itemId} by ${event.detail.vehicleId}`];
      if (event.type === 'allocationFailed') return [`failed ${event.detail.itemId}: ${event.detail.reason}`];
      return [];
    })
    .sort();
}
