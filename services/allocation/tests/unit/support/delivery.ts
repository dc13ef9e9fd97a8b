import {
  type AllocationEvent,
  type AllocationInput,
  type AllocationSettings,
  type AllocationState,
  DEFAULT_ALLOCATION_SETTINGS,
  decide,
  emptyAllocationState,
  findInvariantViolations,
  type OfferRefusal,
  type Point,
} from '../../../src/domain/index.js';
import { at, Bus, nearestFrom } from './fleet.js';

/** How a simulated driver answers every offer: yes, no, or not at all (the offer expires). */
export type DriverPolicy = 'accept' | 'reject' | 'silent';

/** A scenario: the facts the bus carries, and how each vehicle's driver behaves. */
export interface Scenario {
  readonly name: string;
  readonly facts: (bus: Bus) => AllocationInput[];
  readonly drivers: Readonly<Record<string, DriverPolicy>>;
  readonly positions: Readonly<Record<string, Point>>;
  readonly settings?: Partial<AllocationSettings>;
}

/** How to deliver: in bus order once each, or every event twice in a seeded random order. */
export interface DeliveryPlan {
  /** Absent: in-order delivery, each event once, time standing still until everything settles. */
  readonly random?: () => number;
  /** The chance of a sweep before each delivery; each delivery also advances the clock 1 s. */
  readonly tickChance?: number;
}

/** What a run saw: the final state, every event emitted, every refusal, every breach. */
export interface RunResult {
  readonly state: AllocationState;
  readonly emitted: readonly AllocationEvent[];
  readonly refusals: readonly OfferRefusal[];
  readonly breaches: readonly string[];
}

const MAX_STEPS = 10_000;

/**
 * Delivers a scenario's events through `decide` as an at-least-once, reordering bus would. Driver
 * answers are causal: one is put on the bus only once its offer has been emitted, then it is
 * delivered (twice, when shuffling) at a random later point. When nothing is left to deliver the
 * clock jumps past every deadline and the sweep runs, until the sweep has nothing more to do.
 * Invariants are checked after every single delivery, not only at the end.
 */
export async function deliver(scenario: Scenario, plan: DeliveryPlan = {}): Promise<RunResult> {
  const bus = new Bus();
  const facts = scenario.facts(bus);
  const settings = { ...DEFAULT_ALLOCATION_SETTINGS, ...scenario.settings };
  const nearest = nearestFrom(scenario.positions);
  const copies = plan.random === undefined ? 1 : 2;
  const pending: AllocationInput[] = facts.flatMap((fact) => Array.from({ length: copies }, () => fact));
  const emitted: AllocationEvent[] = [];
  const refusals: OfferRefusal[] = [];
  const breaches: string[] = [];
  const acceptedBy = new Map<string, string>();
  let state = emptyAllocationState();
  let seconds = 0;

  const step = async (input: AllocationInput): Promise<readonly AllocationEvent[]> => {
    const decision = await decide(state, input, { now: at(seconds), nearest, settings });
    state = decision.state;
    emitted.push(...decision.emit);
    if (decision.refusal) refusals.push(decision.refusal);
    breaches.push(...findInvariantViolations(state));
    for (const event of decision.emit) {
      if (event.type === 'allocationAccepted') {
        const earlier = acceptedBy.get(event.detail.itemId);
        if (earlier !== undefined)
          breaches.push(
            `item ${event.detail.itemId} accepted again (${earlier}, then ${event.detail.vehicleId})`,
          );
        acceptedBy.set(event.detail.itemId, event.detail.vehicleId);
      }
      if (event.type !== 'allocationOffered') continue;
      const policy = scenario.drivers[event.detail.vehicleId] ?? 'silent';
      if (policy === 'silent') continue;
      const answer =
        policy === 'accept'
          ? bus.accept(event.detail.offerId, event.detail.vehicleId)
          : bus.reject(event.detail.offerId, event.detail.vehicleId);
      for (let copy = 0; copy < copies; copy++) pending.push(answer);
    }
    return decision.emit;
  };

  for (let steps = 0; ; steps++) {
    if (steps > MAX_STEPS) throw new Error(`${scenario.name}: no quiescence after ${MAX_STEPS} deliveries`);
    if (pending.length === 0) {
      seconds += (settings.maxWaitMs + settings.offerTtlMs) / 1000;
      const swept = await step({ type: 'offersDue' });
      if (swept.length === 0 && pending.length === 0) break;
      continue;
    }
    if (plan.random !== undefined && plan.random() < (plan.tickChance ?? 0))
      await step({ type: 'offersDue' });
    const index = plan.random === undefined ? 0 : Math.floor(plan.random() * pending.length);
    const [input] = pending.splice(index, 1);
    if (plan.tickChance !== undefined) seconds += 1;
    if (input) await step(input);
  }
  return { state, emitted, refusals, breaches };
}

/**
 * The part of the final state that the delivery order must not change, where order cannot
 * matter: each item's outcome and who took it, each vehicle's availability, no offer left open.
 */
export function settledOutcome(state: AllocationState) {
  const byKey = <T>(record: Record<string, T>) =>
    Object.entries(record).sort(([a], [b]) => a.localeCompare(b));
  return {
    items: byKey(state.items).map(([id, item]) => ({
      id,
      status: item.status,
      acceptedVehicleId: item.acceptedVehicleId,
      tried: [...item.tried].sort(),
    })),
    vehicles: byKey(state.vehicles).map(([id, vehicle]) => ({
      id,
      availability: vehicle.availability,
      openOfferId: vehicle.openOfferId,
    })),
  };
}
