import type { AllocationState } from './read-model.js';

/**
 * Checks the guarantees allocation makes, returning one line per breach (empty when sound): at most
 * one open offer per vehicle and per item, at most one accepted offer per item, and every pointer
 * between items, vehicles and offers agreeing. Tests fold events through it; a store may call it
 * before saving to refuse a corrupt state.
 * @example
 * expect(findInvariantViolations(state)).toEqual([]);
 */
export function findInvariantViolations(state: AllocationState): string[] {
  const problems: string[] = [];
  const offers = Object.values(state.offers);
  for (const vehicle of Object.values(state.vehicles)) {
    const open = offers.filter((offer) => offer.vehicleId === vehicle.vehicleId && offer.status === 'open');
    if (open.length > 1) problems.push(`vehicle ${vehicle.vehicleId} holds ${open.length} open offers`);
    const expected = open[0]?.offerId ?? null;
    if (open.length <= 1 && vehicle.openOfferId !== expected)
      problems.push(
        `vehicle ${vehicle.vehicleId} points at offer ${vehicle.openOfferId}, open is ${expected}`,
      );
  }
  for (const item of Object.values(state.items)) {
    const mine = offers.filter((offer) => offer.itemId === item.itemId);
    const open = mine.filter((offer) => offer.status === 'open');
    const accepted = mine.filter((offer) => offer.status === 'accepted');
    if (open.length > 1) problems.push(`item ${item.itemId} has ${open.length} open offers`);
    if (accepted.length > 1) problems.push(`item ${item.itemId} was accepted ${accepted.length} times`);
    if (accepted.length > 0 && open.length > 0)
      problems.push(`item ${item.itemId} is accepted yet still offered`);
    const offered = item.status === 'offered';
    if (offered !== (open.length === 1 && item.currentOfferId === open[0]?.offerId))
      problems.push(`item ${item.itemId} is ${item.status} with current offer ${item.currentOfferId}`);
    const isAccepted = item.status === 'accepted';
    if (isAccepted !== (accepted.length === 1 && accepted[0]?.vehicleId === item.acceptedVehicleId))
      problems.push(`item ${item.itemId} is ${item.status} with accepted vehicle ${item.acceptedVehicleId}`);
  }
  return problems;
}
