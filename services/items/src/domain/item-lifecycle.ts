import type { ActorKind, ItemActor } from './actor.js';
import { ITEMS_ERROR, ItemsError, TransitionError } from './errors.js';
import type { Assignment, Item } from './item.js';
import type { ItemStatus } from './item-status.js';

/**
 * Every status change an item can make, and who may make it. Allocation's events move an item
 * into and out of dispatch (`created → allocated` too, since `allocationAccepted` can overtake
 * `allocationOffered` on the bus); the assigned driver moves it on from there; the client may call
 * it off until it is picked up, since after that the goods are on a vehicle.
 */
export const ITEM_TRANSITIONS = [
  { from: 'created', to: 'allocating', by: ['allocation'] },
  { from: 'created', to: 'allocated', by: ['allocation'] },
  { from: 'created', to: 'unallocated', by: ['allocation'] },
  { from: 'allocating', to: 'allocated', by: ['allocation'] },
  { from: 'allocating', to: 'unallocated', by: ['allocation'] },
  { from: 'allocated', to: 'picked_up', by: ['driver'] },
  { from: 'allocated', to: 'failed', by: ['driver'] },
  { from: 'picked_up', to: 'delivered', by: ['driver'] },
  { from: 'picked_up', to: 'failed', by: ['driver'] },
  { from: 'created', to: 'cancelled', by: ['client'] },
  { from: 'allocating', to: 'cancelled', by: ['client'] },
  { from: 'allocated', to: 'cancelled', by: ['client'] },
] as const satisfies readonly { from: ItemStatus; to: ItemStatus; by: readonly ActorKind[] }[];

/** A requested status change; becoming `allocated` names the vehicle and driver. */
export type ItemChange =
  | { readonly to: 'allocated'; readonly assignment: Assignment }
  | { readonly to: Exclude<ItemStatus, 'allocated'>; readonly reason?: string };

/**
 * What a change did: `changed` (store the new item), `unchanged` (the item is already there: a
 * repeated request or event), or `stale` (an allocation event overtaken by later progress, which
 * the listener acknowledges and drops).
 */
export type TransitionResult =
  | { readonly outcome: 'changed'; readonly item: Item }
  | { readonly outcome: 'unchanged' | 'stale'; readonly item: Item };

/**
 * The statuses an actor may move an item to from `from`, for showing the right buttons.
 * @example
 * nextStatuses('allocated', 'driver'); // ['picked_up', 'failed']
 */
export function nextStatuses(from: ItemStatus, actor: ActorKind): ItemStatus[] {
  return ITEM_TRANSITIONS.filter(
    (row) => row.from === from && (row.by as readonly ActorKind[]).includes(actor),
  ).map((row) => row.to);
}

/**
 * Applies a status change to an item, checking the lifecycle, the actor's right to the step, and
 * that the item is theirs: a client's own item, a driver's own allocated item.
 * @throws ItemsError `NOT_YOUR_ITEM`, `ALLOCATION_CONFLICT`; TransitionError `ILLEGAL_TRANSITION`, `TRANSITION_NOT_ALLOWED`.
 * @example
 * const { outcome, item: next } = transitionItem(item, { to: 'picked_up' }, driver, new Date());
 */
export function transitionItem(
  item: Item,
  change: ItemChange,
  actor: ItemActor,
  now: Date,
): TransitionResult {
  assertOwnItem(item, actor);
  if (item.status === change.to) {
    if (change.to === 'allocated' && !sameAssignment(item.assignment, change.assignment))
      throw new ItemsError(
        ITEMS_ERROR.allocationConflict,
        `Item ${item.id} is allocated to vehicle ${item.assignment?.vehicleId}, not ${change.assignment.vehicleId}`,
      );
    return { outcome: 'unchanged', item };
  }
  const row = ITEM_TRANSITIONS.find(
    (candidate) => candidate.from === item.status && candidate.to === change.to,
  );
  if (!row) {
    // The bus reorders: an allocation event arriving after the item moved past it is old news.
    if (actor.kind === 'allocation' && item.status !== 'created' && item.status !== 'allocating')
      return { outcome: 'stale', item };
    throw new TransitionError(ITEMS_ERROR.illegalTransition, item.status, change.to, actor.kind);
  }
  if (!(row.by as readonly ActorKind[]).includes(actor.kind))
    throw new TransitionError(ITEMS_ERROR.transitionNotAllowed, item.status, change.to, actor.kind);
  const changed: Item = {
    ...item,
    status: change.to,
    updatedAt: now.toISOString(),
    ...(change.to === 'allocated'
      ? { assignment: { ...change.assignment } }
      : { statusReason: change.reason ?? item.statusReason }),
  };
  return { outcome: 'changed', item: changed };
}

// Someone else's item is reported as not theirs, whatever its status, so a caller learns nothing
// about items they cannot see.
function assertOwnItem(item: Item, actor: ItemActor): void {
  if (actor.kind === 'allocation') return;
  const own =
    actor.orgId === item.orgId &&
    (actor.kind === 'client' ? actor.clientId === item.clientId : item.assignment?.driverId === actor.userId);
  if (!own) throw new ItemsError(ITEMS_ERROR.notYourItem, `No item ${item.id} is yours`);
}

function sameAssignment(current: Assignment | null, requested: Assignment): boolean {
  return current?.vehicleId === requested.vehicleId && current.driverId === requested.driverId;
}
