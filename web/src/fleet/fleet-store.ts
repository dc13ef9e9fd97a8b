import { isNewerAvailability } from './availability-version.js';
import {
  availabilityVersion,
  parseItem,
  parseOffer,
  parsePlace,
  parsePosition,
  parseVehicle,
} from './fleet-parse.js';
import type { Availability, FleetEvent, Item, Offer, Position, Vehicle } from './fleet-types.js';
import { movesForward } from './item-progress.js';

/**
 * What changed, so views redraw only what they show. `stale`: an event named a vehicle or an item
 * the store does not know (a missed message): the app reloads the lists.
 */
export type FleetChange = 'vehicles' | 'positions' | 'items' | 'offers' | 'stale';

type Json = Record<string, unknown>;

/**
 * The dashboard's picture of the fleet: vehicles, their latest positions, items and open offers.
 * Loaded whole from the APIs, then kept current by realtime messages (positions and fleet events).
 * @example
 * const store = new FleetStore();
 * store.subscribe((change) => change === 'positions' && map.update(store));
 * store.applyPositions(message.positions);
 */
export class FleetStore {
  readonly vehicles = new Map<string, Vehicle>();
  readonly positions = new Map<string, Position>();
  readonly items = new Map<string, Item>();
  readonly offers = new Map<string, Offer>();
  readonly #listeners = new Set<(change: FleetChange) => void>();

  subscribe(listener: (change: FleetChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  replaceVehicles(vehicles: readonly Vehicle[]): void {
    replace(this.vehicles, vehicles, (vehicle) => vehicle.vehicleId);
    this.#emit('vehicles');
  }

  replaceItems(items: readonly Item[]): void {
    replace(this.items, items, (item) => item.itemId);
    this.#emit('items');
  }

  replaceOffers(offers: readonly Offer[]): void {
    replace(this.offers, offers, (offer) => offer.offerId);
    this.#emit('offers');
  }

  /** Newer fixes replace older ones; a late fix never moves a marker back. */
  applyPositions(positions: readonly unknown[]): void {
    let changed = false;
    for (const raw of positions) {
      const position = parsePosition(raw);
      if (!position) continue;
      const known = this.positions.get(position.vehicleId);
      if (known && Date.parse(known.fixTime) > Date.parse(position.fixTime)) continue;
      this.positions.set(position.vehicleId, position);
      changed = true;
    }
    if (changed) this.#emit('positions');
  }

  /** Applies one fleet event (docs/fleet.md, Events). Unknown types are ignored. */
  applyEvent(event: FleetEvent): void {
    const d = event.detail as Json;
    const vehicleId = typeof d.vehicleId === 'string' ? d.vehicleId : undefined;
    const itemId = typeof d.itemId === 'string' ? d.itemId : undefined;
    switch (event.type) {
      case 'vehicleRegistered': {
        const vehicle = parseVehicle({ ...d, updatedAt: event.time });
        const known = this.vehicles.get(vehicle.vehicleId);
        // A registration that arrives after the vehicle's first changes must not undo them.
        if (known && !isNewerAvailability(known.availabilityVersion, vehicle.availabilityVersion)) return;
        this.vehicles.set(vehicle.vehicleId, vehicle);
        this.#emit('vehicles');
        return;
      }
      case 'vehicleStatusChanged': {
        // The vehicle's own version orders its changes; the bus's arrival order does not.
        const version = availabilityVersion(d.version);
        const known = vehicleId ? this.vehicles.get(vehicleId) : undefined;
        if (known && !isNewerAvailability(known.availabilityVersion, version)) return;
        this.#patchVehicle(vehicleId, {
          availability: d.availability as Availability,
          ...(version === null ? {} : { availabilityVersion: version }),
        });
        return;
      }
      case 'driverAssigned':
        this.#patchVehicle(vehicleId, { driverId: (d.driverId as string | null) ?? null });
        return;
      case 'vehicleMoving':
      case 'vehicleStopped': {
        const position = parsePlace(d.position);
        if (position && vehicleId)
          this.applyPositions([{ ...position, vehicleId, deviceId: d.deviceId, fixTime: d.at }]);
        return;
      }
      case 'itemCreated':
        if (itemId && !this.items.has(itemId)) {
          this.items.set(itemId, parseItem({ ...d, status: 'created', createdAt: event.time }));
          this.#emit('items');
        }
        return;
      case 'itemStatusChanged': {
        const known = itemId ? this.items.get(itemId) : undefined;
        if (known && !movesForward(known.status, String(d.status))) return;
        this.#patchItem(itemId, {
          status: String(d.status),
          vehicleId: (d.vehicleId as string | null) ?? null,
          updatedAt: event.time,
        });
        return;
      }
      case 'allocationOffered': {
        const offer = parseOffer(d);
        if (offer) this.offers.set(offer.offerId, offer);
        this.#emit('offers');
        return;
      }
      case 'allocationAccepted':
      case 'allocationRejected':
      case 'allocationExpired':
        if (typeof d.offerId === 'string') this.offers.delete(d.offerId);
        if (event.type === 'allocationAccepted')
          this.#patchItem(itemId, { vehicleId: vehicleId ?? null, updatedAt: event.time }, false);
        this.#emit('offers');
        return;
      default:
    }
  }

  #patchVehicle(vehicleId: string | undefined, patch: Partial<Vehicle>): void {
    const vehicle = vehicleId ? this.vehicles.get(vehicleId) : undefined;
    if (!vehicle) {
      this.#emit('stale');
      return;
    }
    this.vehicles.set(vehicle.vehicleId, { ...vehicle, ...patch });
    this.#emit('vehicles');
  }

  #patchItem(itemId: string | undefined, patch: Partial<Item>, emit = true): void {
    const item = itemId ? this.items.get(itemId) : undefined;
    if (!item) {
      this.#emit('stale');
      return;
    }
    this.items.set(item.itemId, { ...item, ...patch });
    if (emit) this.#emit('items');
  }

  #emit(change: FleetChange): void {
    for (const listener of this.#listeners) listener(change);
  }
}

function replace<T>(map: Map<string, T>, values: readonly T[], key: (value: T) => string): void {
  map.clear();
  for (const value of values) map.set(key(value), value);
}
