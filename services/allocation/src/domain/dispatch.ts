import { compareEventIds } from './event-id.js';
import { offeredDetail, openOffer } from './offers.js';
import type { AllocationEvent } from './outputs.js';
import type { AllocationState, ItemAllocation } from './read-model.js';
import type { ResolvedContext } from './settings.js';
import { isFreeCandidate } from './vehicle-availability.js';

/**
 * Offers every waiting item to its nearest free candidate, oldest item first, so that the order in
 * which items are served depends on the bus's ids and not on map iteration. An item with no free
 * candidate keeps waiting, unless every vehicle of its organisation has already been tried: then
 * none is left and it fails.
 * @example
 * await dispatchWaiting(draft, ctx, emit);
 */
export async function dispatchWaiting(
  draft: AllocationState,
  ctx: ResolvedContext,
  emit: AllocationEvent[],
): Promise<void> {
  const waiting = Object.values(draft.items)
    .filter((item) => item.status === 'waiting')
    .sort((a, b) => compareEventIds(a.createdEventId, b.createdEventId));
  for (const item of waiting) await offerNext(draft, item, ctx, emit);
}

async function offerNext(
  draft: AllocationState,
  item: ItemAllocation,
  ctx: ResolvedContext,
  emit: AllocationEvent[],
): Promise<void> {
  const candidates = Object.values(draft.vehicles)
    .filter((vehicle) => isFreeCandidate(vehicle, item))
    .map((vehicle) => vehicle.vehicleId)
    .sort();
  if (candidates.length === 0) {
    if (noVehicleLeft(draft, item)) failItem(item, 'noVehicleLeft', emit);
    return;
  }
  const ranked = await ctx.nearest(item.pickup, candidates);
  const [chosen] = rankCandidates(ranked, candidates);
  if (chosen === undefined) return;
  const offer = openOffer(draft, item, chosen, ctx.now, ctx.settings.offerTtlMs);
  emit.push({ type: 'allocationOffered', detail: offeredDetail(offer, item.pickup) });
}

/**
 * The candidates in the ranking's order, then those the ranking left out (no known position) in id
 * order. Ids the ranking invents are ignored: only candidates may be offered.
 * @example
 * rankCandidates(['v3', 'x', 'v1'], ['v1', 'v2', 'v3']); // ['v3', 'v1', 'v2']
 */
export function rankCandidates(ranked: readonly string[], candidates: readonly string[]): string[] {
  const wanted = new Set(candidates);
  const ordered = [...new Set(ranked)].filter((id) => wanted.has(id));
  const placed = new Set(ordered);
  return [...ordered, ...candidates.filter((id) => !placed.has(id))];
}

// An item that has not been offered to anyone waits for a vehicle (it may be created before the
// drivers come on duty, or reach us before their status events do); one that every known vehicle
// has turned down has nowhere left to go.
function noVehicleLeft(draft: AllocationState, item: ItemAllocation): boolean {
  if (item.tried.length === 0) return false;
  return Object.values(draft.vehicles).every(
    (vehicle) => vehicle.orgId !== item.orgId || item.tried.includes(vehicle.vehicleId),
  );
}

/**
 * Marks an item failed in the draft and reports it.
 * @example
 * failItem(item, 'waitedTooLong', emit);
 */
export function failItem(
  item: ItemAllocation,
  reason: 'noVehicleLeft' | 'waitedTooLong',
  emit: AllocationEvent[],
): void {
  item.status = 'failed';
  item.currentOfferId = null;
  emit.push({
    type: 'allocationFailed',
    detail: { itemId: item.itemId, orgId: item.orgId, reason, tried: [...item.tried] },
  });
}
