import {
  type AllocationDecision,
  type AllocationInput,
  type AllocationInputOf,
  type AllocationState,
  type Availability,
  type DecisionContext,
  decide,
  emptyAllocationState,
  type NearestVehicles,
  type Point,
} from '../../../src/domain/index.js';

/** The instant every test's clock starts at. */
export const T0 = new Date('2030-01-01T08:00:00.000Z');

/** `T0` plus some seconds. */
export const at = (seconds: number): Date => new Date(T0.getTime() + seconds * 1000);

/** The centre of the test city; vehicles are placed east of it, one kilometre or so per 0.01°. */
export const CENTRE: Point = { lat: 52.52, lon: 13.4 };

/**
 * A `nearest` that ranks by straight-line distance from fixed positions, like tracking does from
 * latest positions; vehicles without a position are left out, as tracking leaves them out.
 */
export function nearestFrom(positions: Readonly<Record<string, Point>>): NearestVehicles {
  return (point, ids) =>
    ids
      .filter((id) => positions[id] !== undefined)
      .map((id) => ({ id, distance: squaredDistance(point, positions[id]!) }))
      .sort((a, b) => a.distance - b.distance || a.id.localeCompare(b.id))
      .map(({ id }) => id);
}

function squaredDistance(a: Point, b: Point): number {
  return (a.lat - b.lat) ** 2 + (a.lon - b.lon) ** 2;
}

/** Builds inputs with bus ids that increase as the bus's would. */
export class Bus {
  private next: number;

  constructor(firstId = 1) {
    this.next = firstId;
  }

  private id(): string {
    return String(this.next++);
  }

  itemCreated(
    itemId: string,
    orgId = 'org-1',
    pickup: Point = CENTRE,
    time = T0,
  ): AllocationInputOf<'itemCreated'> {
    return {
      type: 'itemCreated',
      id: this.id(),
      time: time.toISOString(),
      detail: { itemId, orgId, pickup },
    };
  }

  /** `version`: the vehicles service's availability version; left out, the event carries none. */
  vehicleRegistered(
    vehicleId: string,
    orgId = 'org-1',
    availability: Availability = 'offline',
    version?: number,
  ) {
    const input: AllocationInputOf<'vehicleRegistered'> = {
      type: 'vehicleRegistered',
      id: this.id(),
      detail: { vehicleId, orgId, availability, ...(version === undefined ? {} : { version }) },
    };
    return input;
  }

  /** `version`: the vehicles service's availability version; left out, the event carries none. */
  vehicleStatus(vehicleId: string, availability: Availability, orgId = 'org-1', version?: number) {
    const input: AllocationInputOf<'vehicleStatusChanged'> = {
      type: 'vehicleStatusChanged',
      id: this.id(),
      detail: { vehicleId, orgId, availability, ...(version === undefined ? {} : { version }) },
    };
    return input;
  }

  accept(offerId: string, vehicleId: string, driverId = `driver-of-${vehicleId}`) {
    const input: AllocationInputOf<'offerAccepted'> = {
      type: 'offerAccepted',
      id: this.id(),
      detail: { offerId, vehicleId, driverId },
    };
    return input;
  }

  reject(offerId: string, vehicleId: string, driverId = `driver-of-${vehicleId}`) {
    const input: AllocationInputOf<'offerRejected'> = {
      type: 'offerRejected',
      id: this.id(),
      detail: { offerId, vehicleId, driverId },
    };
    return input;
  }
}

/** The sweep's input. */
export const tick: AllocationInputOf<'offersDue'> = { type: 'offersDue' };

/**
 * Folds inputs through `decide` at one instant, returning the last decision and every event emitted.
 * @example
 * const { state, emitted } = await foldAll([bus.vehicleStatus('v1', 'available'), bus.itemCreated('i1')], ctx);
 */
export async function foldAll(
  inputs: readonly AllocationInput[],
  context: DecisionContext,
  start: AllocationState = emptyAllocationState(),
): Promise<{
  state: AllocationState;
  emitted: AllocationDecision['emit'][number][];
  last?: AllocationDecision;
}> {
  let state = start;
  const emitted: AllocationDecision['emit'][number][] = [];
  let last: AllocationDecision | undefined;
  for (const input of inputs) {
    last = await decide(state, input, context);
    state = last.state;
    emitted.push(...last.emit);
  }
  return last === undefined ? { state, emitted } : { state, emitted, last };
}

/** A small deterministic random source (mulberry32), so every shuffled run can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
