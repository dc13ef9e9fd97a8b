import {
  type ClientCreateItem,
  type Item,
  type ItemStatus,
  newItem,
  parseClientCreateItem,
} from '../../../src/domain/index.js';

/** The clock every test reads. */
export const NOW = new Date('2030-01-01T08:00:00.000Z');

/** A valid create request body, as a client would send it. */
export function createBody(): Record<string, unknown> {
  return {
    reference: 'ORDER-1001',
    pickup: { lat: 52.52, lon: 13.405, address: 'Alexanderplatz 1, Berlin' },
    dropoff: { lat: 52.5163, lon: 13.3777, address: 'Pariser Platz, Berlin' },
    window: { from: '2030-01-01T09:00:00Z', to: '2030-01-01T12:00:00Z' },
    size: { weightKg: 3.5, volumeLitres: 20 },
  };
}

/** The request above, validated. */
export const createInput = (): ClientCreateItem => parseClientCreateItem(createBody());

export const ORG = 'org-1';
export const CLIENT = 'client-1';
export const DRIVER = 'driver-1';

/** An item of client-1 in the given status; allocated and later ones are assigned to driver-1. */
export function itemIn(status: ItemStatus): Item {
  const item = newItem(createInput(), { id: 'item-1', orgId: ORG, clientId: CLIENT, now: NOW });
  const assigned = ['allocated', 'picked_up', 'delivered', 'failed'].includes(status);
  return { ...item, status, assignment: assigned ? { vehicleId: 'vehicle-1', driverId: DRIVER } : null };
}
