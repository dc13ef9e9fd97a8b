/** The stable codes of the vehicles service's errors. */
export const VEHICLES_ERROR = {
  vehicleNotFound: 'VEHICLE_NOT_FOUND',
  noVehicle: 'NO_VEHICLE',
  forbidden: 'FORBIDDEN',
  plateTaken: 'PLATE_TAKEN',
  assignmentConflict: 'DRIVER_ASSIGNMENT_CONFLICT',
} as const;

/** One of {@link VEHICLES_ERROR}. */
export type VehiclesErrorCode = (typeof VEHICLES_ERROR)[keyof typeof VEHICLES_ERROR];

/**
 * The base of the vehicles domain's errors: a stable `code`, a message fit for the caller, the
 * original error as `cause`.
 * @example
 * throw new VehiclesError(VEHICLES_ERROR.vehicleNotFound, `No vehicle ${id}`);
 */
export class VehiclesError extends Error {
  readonly code: VehiclesErrorCode;

  constructor(code: VehiclesErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    // A literal, not new.target.name: bundles are minified (SAM's default) and would mangle it.
    this.name = 'VehiclesError';
    this.code = code;
  }
}
