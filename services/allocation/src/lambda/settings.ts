import { ConfigurationError } from '@motorcade/lambda';
import type { AllocationSettings } from '../domain/index.js';

function required(name: string, what: string): string {
  const value = process.env[name];
  if (!value) throw new ConfigurationError(`${name} is not set: ${what}`);
  return value;
}

function seconds(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0)
    throw new ConfigurationError(`${name} must be a whole number of seconds above 0, not "${raw}"`);
  return value;
}

/**
 * The database URL the template passes as `DATABASE_URL` (from the stack's `DatabaseUrl`).
 * @example
 * pgConnection({ strategy: 'close-after-invocation', connectionString: databaseUrl() });
 */
export function databaseUrl(): string {
  return required('DATABASE_URL', 'the stack must pass its DatabaseUrl');
}

/**
 * Tracking's NearestVehicles function, which the template imports as `NEAREST_VEHICLES_ARN`.
 * @example
 * invoke(nearestVehiclesArn(), { latitude, longitude, vehicleIds });
 */
export function nearestVehiclesArn(): string {
  return required('NEAREST_VEHICLES_ARN', "the template must import the tracking stack's NearestVehiclesArn");
}

/**
 * The domain's tunables from the template: `OFFER_TTL_SECONDS` (default 60) and
 * `MAX_WAIT_SECONDS` (default 600).
 * @example
 * decide(state, input, { now, nearest, settings: allocationSettings() });
 */
export function allocationSettings(): AllocationSettings {
  return {
    offerTtlMs: seconds('OFFER_TTL_SECONDS', 60) * 1000,
    maxWaitMs: seconds('MAX_WAIT_SECONDS', 600) * 1000,
  };
}
