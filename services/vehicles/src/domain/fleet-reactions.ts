import { allocate, type EventOutcome, type EventTransition, release } from './availability.js';
import { busEventId } from './bus-event-id.js';
import type { Vehicle } from './vehicle.js';
import type { CommandContext } from './vehicle-commands.js';

/** The item statuses that end an item's trip and so release its vehicle. */
export const RELEASING_STATUSES: readonly string[] = ['delivered', 'cancelled', 'failed'];

/** What handling one bus event did (for the log). */
export type ReactionOutcome = EventOutcome | 'unknownVehicle' | 'notForVehicles' | 'notFromBus';

/** The part of `allocationAccepted` the vehicles service reads. */
export interface AllocationAccepted {
  readonly itemId: string;
  readonly orgId: string;
  readonly vehicleId: string;
}

/** The part of `itemStatusChanged` the vehicles service reads. */
export interface ItemStatusChanged {
  readonly itemId: string;
  readonly orgId: string;
  readonly status: string;
  readonly vehicleId: string | null;
}

/**
 * `allocationAccepted`: the vehicle becomes busy (reason `allocated`). `eventId` is the bus's id of
 * the event: a repeated or late event changes nothing.
 * @example
 * const outcome = await onAllocationAccepted(context, event.id, event.detail);
 */
export async function onAllocationAccepted(
  context: CommandContext,
  eventId: string,
  detail: AllocationAccepted,
): Promise<ReactionOutcome> {
  const id = busEventId(eventId);
  if (id === undefined) return 'notFromBus';
  return applyToVehicle(context, detail.orgId, detail.vehicleId, (vehicle) =>
    allocate(vehicle, { eventId: id, itemId: detail.itemId }, context.now),
  );
}

/**
 * `itemStatusChanged`: an item of the vehicle that was delivered, cancelled or failed releases it
 * (busy → available when its driver is on duty, else offline; reason `released`). Other statuses,
 * and items without a vehicle, are not for this service.
 * @example
 * const outcome = await onItemStatusChanged(context, event.id, event.detail);
 */
export async function onItemStatusChanged(
  context: CommandContext,
  eventId: string,
  detail: ItemStatusChanged,
): Promise<ReactionOutcome> {
  const { vehicleId } = detail;
  if (vehicleId === null || !RELEASING_STATUSES.includes(detail.status)) return 'notForVehicles';
  const id = busEventId(eventId);
  if (id === undefined) return 'notFromBus';
  return applyToVehicle(context, detail.orgId, vehicleId, (vehicle) =>
    release(vehicle, { eventId: id, itemId: detail.itemId }, context.now),
  );
}

async function applyToVehicle(
  context: CommandContext,
  orgId: string,
  vehicleId: string,
  change: (vehicle: Vehicle) => EventTransition,
): Promise<ReactionOutcome> {
  const transition = await context.store.transaction(async (repository) => {
    const vehicle = await repository.find(orgId, vehicleId, { forUpdate: true });
    if (!vehicle) return undefined;
    const next = change(vehicle);
    if (next.vehicle !== vehicle) await repository.save(next.vehicle);
    return { outcome: next.outcome, staged: await repository.stage(next.events) };
  });
  if (!transition) return 'unknownVehicle';
  await context.publisher.publish(transition.staged);
  return transition.outcome;
}
