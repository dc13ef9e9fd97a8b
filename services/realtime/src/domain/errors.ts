/** The stable codes of the realtime service's errors. */
export const REALTIME_ERROR = {
  /** The users service refused the access token (the upgrade is answered 401). */
  tokenRefused: 'TOKEN_REFUSED',
  /** The users service's answer was not a policy with the `{ userId, orgId, role }` context. */
  invalidAuthorization: 'INVALID_AUTHORIZATION',
  /** Some pushes failed for another reason than a gone connection (throttled, API unavailable). */
  pushFailed: 'PUSH_FAILED',
} as const;

/** One of {@link REALTIME_ERROR}. */
export type RealtimeErrorCode = (typeof REALTIME_ERROR)[keyof typeof REALTIME_ERROR];

/**
 * The base of the realtime domain's errors: a stable `code`, a message, the original error as `cause`.
 * @example
 * throw new RealtimeError(REALTIME_ERROR.tokenRefused, 'The access token was refused');
 */
export class RealtimeError extends Error {
  readonly code: RealtimeErrorCode;

  constructor(code: RealtimeErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    // A literal, not new.target.name: bundles are minified (SAM's default) and would mangle it.
    this.name = 'RealtimeError';
    this.code = code;
  }
}
