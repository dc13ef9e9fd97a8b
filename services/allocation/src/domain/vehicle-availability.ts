import { compareEventIds, type EventId } from './event-id.js';
import type { Availability } from './inputs.js';
import { closeOffer, offerRef } from './offers.js';
import type { AllocationEvent } from './outputs.js';
import type { AllocationState, ItemAllocation, VehicleState } from './read-model.js';

/** A fact about a vehicle's availability, from a vehicle event or from an acceptance. */
export interface VehicleFact {
  readonly vehicleId: string;
  readonly orgId: string;
  readonly availability: Availability;
  readonly eventId: EventId;
  /**
   * The vehicles service's availability version after the change it reports. Absent on
   * allocation's own busy mark (an accept) and on events posted before the service sent versions.
   */
  readonly version?: number | undefined;
}

/** What applying a fact did: changed the register, or found it repeated or already overtaken. */
export type FactOutcome = 'applied' | 'duplicate' | 'stale';

/**
 * Where a fact stands against the vehicle's register: above 0 newer, 0 the same, below 0 older.
 *
 * The rule (docs/allocation.md, "A vehicle's availability"):
 * - a fact and a register that both have a vehicles version are ordered by it: the bus may log two
 *   changes of one vehicle in the other order, so its ids do not order them, but the version, counted
 *   in the vehicles service's transaction of each change, does;
 * - otherwise by bus id, the register keeping the highest id it has applied. That covers events
 *   from before versions, and allocation's own busy mark on an accept, which carries none.
 *
 * The own mark keeps the register's version (the vehicles service's last known change) and takes
 * the accept's id. So the vehicles service's `busy/allocated` that follows (its version above) is
 * applied; a late, older `available` (a version at or below the register's) cannot free the
 * vehicle; and the next genuine `available/released` (a version above any the vehicles service
 * sent before it) frees it. A mark over a register is ordered by id: the accept is logged after
 * every fact allocation had applied before making the offer, so it is never stale to them.
 */
function compareFact(fact: VehicleFact, known: VehicleState): number {
  if (fact.version !== undefined && known.availabilityVersion !== null)
    return Math.sign(fact.version - known.availabilityVersion);
  return compareEventIds(fact.eventId, known.availabilityEventId);
}

const laterEventId = (a: EventId, b: EventId): EventId => (compareEventIds(a, b) >= 0 ? a : b);

/**
 * Applies a vehicle fact to the draft state if it is newer than what the register holds (see
 * {@link compareFact}). A vehicle that stops being available while holding an open offer has that
 * offer withdrawn at once (reported as `allocationExpired`, reason `vehicleUnavailable`) rather
 * than left to run out its deadline.
 * @example
 * const outcome = applyVehicleFact(draft, { vehicleId: 'v1', orgId: 'o1', availability: 'available', eventId: '7', version: 3 }, emit);
 */
export function applyVehicleFact(
  draft: AllocationState,
  fact: VehicleFact,
  emit: AllocationEvent[],
): FactOutcome {
  const known = draft.vehicles[fact.vehicleId];
  if (!known) {
    draft.vehicles[fact.vehicleId] = {
      vehicleId: fact.vehicleId,
      orgId: fact.orgId,
      availability: fact.availability,
      availabilityEventId: fact.eventId,
      availabilityVersion: fact.version ?? null,
      openOfferId: null,
    };
    return 'applied';
  }
  const order = compareFact(fact, known);
  if (order === 0) return 'duplicate';
  if (order < 0) return 'stale';
  known.availability = fact.availability;
  known.availabilityEventId = laterEventId(fact.eventId, known.availabilityEventId);
  if (fact.version !== undefined) known.availabilityVersion = fact.version;
  if (fact.availability !== 'available') withdrawOpenOffer(draft, known, emit);
  return 'applied';
}

function withdrawOpenOffer(draft: AllocationState, vehicle: VehicleState, emit: AllocationEvent[]): void {
  const offer = vehicle.openOfferId === null ? undefined : draft.offers[vehicle.openOfferId];
  if (offer?.status !== 'open') return;
  closeOffer(draft, offer, 'withdrawn');
  emit.push({ type: 'allocationExpired', detail: { ...offerRef(offer), reason: 'vehicleUnavailable' } });
}

/**
 * Whether a vehicle may be offered this item now: same organisation, available, holding no open
 * offer, and not tried for this item before.
 * @example
 * const candidates = Object.values(state.vehicles).filter((vehicle) => isFreeCandidate(vehicle, item));
 */
export function isFreeCandidate(vehicle: VehicleState, item: ItemAllocation): boolean {
  return (
    vehicle.orgId === item.orgId &&
    vehicle.availability === 'available' &&
    vehicle.openOfferId === null &&
    !item.tried.includes(vehicle.vehicleId)
  );
}
