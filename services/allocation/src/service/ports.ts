import type { AllocationSettings, NearestVehicles } from '../domain/index.js';
import type { Queryable } from '../store/database.js';

/** The database as the service uses it: statements, and transactions on one client. */
export interface Database extends Queryable {
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
}

/** The event a decision reacts to, whose ids its own events carry as correlation and cause. */
export interface Cause {
  readonly id: string;
  readonly correlationId: string;
}

/** A line for the logs; the service never logs by itself. */
export type Log = (message: string, fields?: Record<string, unknown>) => void;

/** What the allocation service needs from its surroundings. */
export interface AllocationDeps {
  readonly db: Database;
  readonly nearest: NearestVehicles;
  readonly settings: Partial<AllocationSettings>;
  readonly clock: () => Date;
  readonly log: Log;
}
