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
