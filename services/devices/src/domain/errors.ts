/** The stable codes of the devices service's errors. */
export const DEVICES_ERROR = {
  deviceNotFound: 'DEVICE_NOT_FOUND',
  deviceRevoked: 'DEVICE_REVOKED',
  uniqueIdTaken: 'UNIQUE_ID_TAKEN',
  forbidden: 'FORBIDDEN',
} as const;

/** One of {@link DEVICES_ERROR}. */
export type DevicesErrorCode = (typeof DEVICES_ERROR)[keyof typeof DEVICES_ERROR];

/**
 * The base of the devices domain's errors: a stable `code`, a message fit for the caller, the
 * original error as `cause`.
 * @example
 * throw new DevicesError(DEVICES_ERROR.deviceNotFound, `No device ${id}`);
 */
export class DevicesError extends Error {
  readonly code: DevicesErrorCode;

  constructor(code: DevicesErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    // A literal, not new.target.name: bundles are minified (SAM's default) and would mangle it.
    this.name = 'DevicesError';
    this.code = code;
  }
}
