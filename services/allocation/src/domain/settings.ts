import { z } from 'zod';
import type { Point } from './inputs.js';

/** The tunables of allocation; unknown keys are refused so a misspelt setting is not silently ignored. */
export const allocationSettingsSchema = z.strictObject({
  /** How long a driver has to answer an offer. */
  offerTtlMs: z.number().int().positive().default(60_000),
  /** How long an item may wait with no candidate before it fails. */
  maxWaitMs: z
    .number()
    .int()
    .positive()
    .default(10 * 60_000),
});
/** Allocation's settings, see {@link allocationSettingsSchema}. */
export type AllocationSettings = z.infer<typeof allocationSettingsSchema>;

/** The defaults: 60 s to answer, 10 minutes to wait for a vehicle. */
export const DEFAULT_ALLOCATION_SETTINGS: AllocationSettings = allocationSettingsSchema.parse({});

/**
 * Orders candidate vehicles by distance from a point, nearest first (tracking's exported function).
 * Vehicles it leaves out (no known position) are tried after the ones it ranks.
 */
export type NearestVehicles = (
  point: Point,
  candidateVehicleIds: readonly string[],
) => Promise<readonly string[]> | readonly string[];

/** What a decision needs besides the state and the input. */
export interface DecisionContext {
  /** The clock, injected so decisions are reproducible. */
  readonly now: Date;
  readonly nearest: NearestVehicles;
  readonly settings?: Partial<AllocationSettings>;
}

/** A context with its settings filled in. */
export interface ResolvedContext {
  readonly now: Date;
  readonly nearest: NearestVehicles;
  readonly settings: AllocationSettings;
}

/**
 * Fills in the default settings and validates the overrides.
 * @example
 * const ctx = resolveContext({ now: new Date(), nearest, settings: { offerTtlMs: 30_000 } });
 */
export function resolveContext(context: DecisionContext): ResolvedContext {
  return {
    now: context.now,
    nearest: context.nearest,
    settings: allocationSettingsSchema.parse(context.settings ?? {}),
  };
}
