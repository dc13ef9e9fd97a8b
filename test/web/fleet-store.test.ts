import { describe, expect, it } from 'vitest';
import { FleetStore } from '../../web/src/fleet/fleet-store.js';
import type { FleetEvent } from '../../web/src/fleet/fleet-types.js';

const ITEM = 'item-1';
let sequence = 0;

function statusChanged(status: string, previous: string, vehicleId: string | null = null): FleetEvent {
  sequence += 1;
  return {
    id: String(sequence),
    type: 'itemStatusChanged',
    time: new Date(Date.UTC(2026, 11, 5, 8, 0, sequence)).toISOString(),
    detail: {
      itemId: ITEM,
      orgId: 'org-1',
      status,
      previous,
      vehicleId,
      driverId: vehicleId ? 'driver-1' : null,
    },
  };
}

function storeWithCreatedItem(): { store: FleetStore; changes: string[] } {
  const store = new FleetStore();
  store.replaceItems([
    {
      itemId: ITEM,
      reference: 'R-1',
      status: 'created',
      pickup: { lat: 52.5, lon: 13.4 },
      dropoff: { lat: 52.51, lon: 13.41 },
      vehicleId: null,
      createdAt: null,
      updatedAt: null,
      timeline: [],
    },
  ]);
  const changes: string[] = [];
  store.subscribe((change) => changes.push(change));
  return { store, changes };
}

describe('FleetStore and itemStatusChanged', () => {
  it('moves an item forward through its statuses', () => {
    const { store } = storeWithCreatedItem();

    store.applyEvent(statusChanged('allocating', 'created'));
    store.applyEvent(statusChanged('allocated', 'allocating', 'van-1'));

    expect(store.items.get(ITEM)).toMatchObject({ status: 'allocated', vehicleId: 'van-1' });
  });

  it('keeps the furthest status when the bus delivers an earlier one late', () => {
    const { store, changes } = storeWithCreatedItem();

    store.applyEvent(statusChanged('allocated', 'allocating', 'van-1'));
    store.applyEvent(statusChanged('allocating', 'created'));

    expect(store.items.get(ITEM)).toMatchObject({ status: 'allocated', vehicleId: 'van-1' });
    expect(changes).toEqual(['items']);
  });

  it('never reopens a delivered item', () => {
    const { store } = storeWithCreatedItem();

    store.applyEvent(statusChanged('delivered', 'picked_up', 'van-1'));
    store.applyEvent(statusChanged('picked_up', 'allocated', 'van-1'));

    expect(store.items.get(ITEM)?.status).toBe('delivered');
  });

  it('asks for a reload when the item is not known yet', () => {
    const store = new FleetStore();
    const changes: string[] = [];
    store.subscribe((change) => changes.push(change));

    store.applyEvent(statusChanged('allocating', 'created'));

    expect(changes).toEqual(['stale']);
  });
});

const VAN = 'van-1';

function vehicleEvent(type: string, detail: Record<string, unknown>): FleetEvent {
  sequence += 1;
  return {
    id: String(sequence),
    type,
    time: new Date(Date.UTC(2026, 11, 5, 8, 0, sequence)).toISOString(),
    detail: { vehicleId: VAN, orgId: 'org-1', ...detail },
  };
}

function availabilityChanged(availability: string, previous: string, version?: number): FleetEvent {
  return vehicleEvent('vehicleStatusChanged', {
    availability,
    previous,
    reason: 'onDuty',
    ...(version === undefined ? {} : { version }),
  });
}

function storeWithVan(availabilityVersion: number | null): { store: FleetStore; changes: string[] } {
  const store = new FleetStore();
  store.replaceVehicles([
    {
      vehicleId: VAN,
      name: 'Van 1',
      plate: 'AB12 CDE',
      vehicleType: 'van',
      capacityKg: 800,
      availability: 'available',
      driverId: 'driver-1',
      onDuty: true,
      availabilityVersion,
      updatedAt: '2026-12-05T08:00:00.000Z',
    },
  ]);
  const changes: string[] = [];
  store.subscribe((change) => changes.push(change));
  return { store, changes };
}

describe('FleetStore and vehicleStatusChanged', () => {
  it('applies a change with a higher version and remembers the version', () => {
    const { store, changes } = storeWithVan(1);

    store.applyEvent(availabilityChanged('busy', 'available', 2));

    expect(store.vehicles.get(VAN)).toMatchObject({ availability: 'busy', availabilityVersion: 2 });
    expect(changes).toEqual(['vehicles']);
  });

  it('keeps the newer availability when the bus delivers an older change late', () => {
    const { store, changes } = storeWithVan(1);

    store.applyEvent(availabilityChanged('available', 'busy', 3));
    store.applyEvent(availabilityChanged('busy', 'available', 2));

    expect(store.vehicles.get(VAN)).toMatchObject({ availability: 'available', availabilityVersion: 3 });
    expect(changes).toEqual(['vehicles']);
  });

  it('ignores a change with the version the dashboard already shows (loaded from the API)', () => {
    const { store, changes } = storeWithVan(4);

    store.applyEvent(availabilityChanged('busy', 'available', 4));

    expect(store.vehicles.get(VAN)?.availability).toBe('available');
    expect(changes).toEqual([]);
  });

  it.each([
    { side: 'the event', known: 3, version: undefined, expected: 3 },
    { side: 'the vehicle shown', known: null, version: 1, expected: 1 },
  ])('applies in arrival order when $side has no version', ({ known, version, expected }) => {
    const { store } = storeWithVan(known);

    store.applyEvent(availabilityChanged('offline', 'available', version));

    expect(store.vehicles.get(VAN)).toMatchObject({ availability: 'offline', availabilityVersion: expected });
  });

  it('reads the version of a registration, and a late registration does not undo a change', () => {
    const store = new FleetStore();
    const registered = vehicleEvent('vehicleRegistered', {
      name: 'Van 1',
      plate: 'AB12 CDE',
      vehicleType: 'van',
      capacityKg: 800,
      availability: 'offline',
      version: 0,
    });

    store.applyEvent(registered);
    const first = store.vehicles.get(VAN);
    store.applyEvent(availabilityChanged('available', 'offline', 1));
    store.applyEvent(registered);

    expect(first).toMatchObject({ availability: 'offline', availabilityVersion: 0 });
    expect(store.vehicles.get(VAN)).toMatchObject({ availability: 'available', availabilityVersion: 1 });
  });
});
