import { isNewerEvent } from './bus-event-id.js';
import type { Availability, Vehicle } from './vehicle.js';
import { driverChanges, statusChanges, type VehicleEvent } from './vehicle-events.js';

/** A vehicle after a change, and the events that tell the fleet about it (none when nothing changed). */
export interface Transition {
  readonly vehicle: Vehicle;
  readonly events: readonly VehicleEvent[];
}

/** What an event from the bus did: `stale` when it is repeated or older than what was applied. */
export type EventOutcome = 'applied' | 'unchanged' | 'stale';

/** A transition caused by a bus event. */
export interface EventTransition extends Transition {
  readonly outcome: EventOutcome;
}

/** The availability a vehicle that is not busy has: available when its driver is on duty. */
const idle = (onDuty: boolean): Availability => (onDuty ? 'available' : 'offline');

const unchanged = (vehicle: Vehicle): Transition => ({ vehicle, events: [] });

/**
 * `after` with its availability version one above `before`'s when its availability changed. Every
 * transition goes through here before it makes its events, so each `vehicleStatusChanged` carries
 * the version of the change it reports, and the row saved in the same transaction keeps it.
 */
const versioned = (before: Vehicle, after: Vehicle): Vehicle =>
  before.availability === after.availability
    ? after
    : { ...after, availabilityVersion: before.availabilityVersion + 1 };

/**
 * The driver goes on or off duty. On duty a vehicle becomes available unless it is busy; off duty
 * it goes offline, except that a busy vehicle stays busy until its item is released (then offline).
 * @example
 * const { vehicle, events } = setDuty(current, true, new Date());
 */
export function setDuty(vehicle: Vehicle, onDuty: boolean, now: Date): Transition {
  if (vehicle.onDuty === onDuty) return unchanged(vehicle);
  const after = versioned(vehicle, {
    ...vehicle,
    onDuty,
    availability: vehicle.availability === 'busy' ? 'busy' : idle(onDuty),
    updatedAt: now,
  });
  return { vehicle: after, events: statusChanges(vehicle, after, onDuty ? 'onDuty' : 'offDuty') };
}

/**
 * A new driver (or none): the vehicle's duty ends with its driver, so it goes off duty — offline
 * unless busy — and the new driver declares duty for themselves.
 * @example
 * const { vehicle, events } = changeDriver(current, 'user-id', new Date());
 */
export function changeDriver(vehicle: Vehicle, driverId: string | null, now: Date): Transition {
  if (vehicle.driverId === driverId) return unchanged(vehicle);
  const after = versioned(vehicle, {
    ...vehicle,
    driverId,
    onDuty: false,
    availability: vehicle.availability === 'busy' ? 'busy' : 'offline',
    updatedAt: now,
  });
  return {
    vehicle: after,
    events: [...driverChanges(vehicle, after), ...statusChanges(vehicle, after, 'offDuty')],
  };
}

/**
 * `allocationAccepted` (bus event `eventId`): the vehicle is busy with the item. A repeated or
 * older event than the last one applied changes nothing.
 * @example
 * const { vehicle, events, outcome } = allocate(current, { eventId: '42', itemId }, new Date());
 */
export function allocate(
  vehicle: Vehicle,
  event: { readonly eventId: string; readonly itemId: string },
  now: Date,
): EventTransition {
  if (!isNewerEvent(event.eventId, vehicle.lastEventId)) return { ...unchanged(vehicle), outcome: 'stale' };
  const after = versioned(vehicle, {
    ...vehicle,
    availability: 'busy',
    currentItemId: event.itemId,
    lastEventId: event.eventId,
    updatedAt: now,
  });
  const events = statusChanges(vehicle, after, 'allocated');
  return { vehicle: after, events, outcome: events.length > 0 ? 'applied' : 'unchanged' };
}

/**
 * The vehicle's item reached an end (delivered, cancelled, failed; bus event `eventId`): a busy
 * vehicle is released — available if its driver is on duty, else offline. The event id is
 * recorded even when the vehicle was not busy, so the item's acceptance arriving late cannot make
 * it busy again; the end of an item other than the one the vehicle is busy with changes nothing.
 * @example
 * const { vehicle, events } = release(current, { eventId: '43', itemId }, new Date());
 */
export function release(
  vehicle: Vehicle,
  event: { readonly eventId: string; readonly itemId: string },
  now: Date,
): EventTransition {
  if (!isNewerEvent(event.eventId, vehicle.lastEventId)) return { ...unchanged(vehicle), outcome: 'stale' };
  if (vehicle.currentItemId !== null && vehicle.currentItemId !== event.itemId)
    return { ...unchanged(vehicle), outcome: 'unchanged' };
  const after = versioned(vehicle, {
    ...vehicle,
    availability: vehicle.availability === 'busy' ? idle(vehicle.onDuty) : vehicle.availability,
    currentItemId: null,
    lastEventId: event.eventId,
    updatedAt: now,
  });
  const events = statusChanges(vehicle, after, 'released');
  return { vehicle: after, events, outcome: events.length > 0 ? 'applied' : 'unchanged' };
}
