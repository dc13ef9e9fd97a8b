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
}

/** What applying a fact did: changed the register, or found it repeated or already overtaken. */
export type FactOutcome = 'applied' | 'duplicate' | 'stale';

/**
 * Applies a vehicle fact to the draft state, last writer (highest event id) wins. A vehicle that
 * stops being available while holding an open offer has that offer withdrawn at once (reported as
 * `allocationExpired`, reason `vehicleUnavailable`) rather than left to run out its deadline.
 * @example
 * const outcome = applyVehicleFact(draft, { vehicleId: 'v1', orgId: 'o1', availability: 'available', eventId: '7' }, emit);
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
      openOfferId: null,
    };
    return 'applied';
  }
  const order = compareEventIds(fact.eventId, known.availabilityEventId);
  if (order === 0) return 'duplicate';
  if (order < 0) return 'stale';
  known.availability = fact.availability;
  known.availabilityEventId = fact.eventId;
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
