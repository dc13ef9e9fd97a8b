/** The stable codes of the users service's errors; clients switch on them. */
export const USERS_ERROR = {
  userNotFound: 'USER_NOT_FOUND',
  forbidden: 'FORBIDDEN',
  emailTaken: 'EMAIL_TAKEN',
  cannotDisableSelf: 'CANNOT_DISABLE_SELF',
  invalidCredentials: 'INVALID_CREDENTIALS',
  accountDisabled: 'ACCOUNT_DISABLED',
  tooManyAttempts: 'TOO_MANY_ATTEMPTS',
  invalidRefreshToken: 'INVALID_REFRESH_TOKEN',
  invalidAccessToken: 'INVALID_ACCESS_TOKEN',
} as const;

/** One of {@link USERS_ERROR}. */
export type UsersErrorCode = (typeof USERS_ERROR)[keyof typeof USERS_ERROR];

/**
 * The base of the users domain's errors: a stable `code`, a message fit for the caller, and the
 * original error as `cause`. The Lambda layer maps each code to an HTTP status.
 * @example
 * throw new UsersError(USERS_ERROR.userNotFound, `No user ${id}`);
 */
export class UsersError extends Error {
  readonly code: UsersErrorCode;

  constructor(code: UsersErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    // A literal, not new.target.name: bundles are minified (SAM's default) and would mangle it.
    this.name = 'UsersError';
    this.code = code;
  }
}

/**
 * Too many login attempts for an account or from a source: the caller may try again after
 * `retryAfterSeconds`. Raised the same way whether or not the account exists.
 * @example
 * throw new TooManyAttemptsError(30);
 */
export class TooManyAttemptsError extends UsersError {
  readonly retryAfterSeconds: number;

  constructor(retryAfterSeconds: number) {
    super(
      USERS_ERROR.tooManyAttempts,
      `Too many login attempts: try again in ${retryAfterSeconds} second${retryAfterSeconds === 1 ? '' : 's'}`,
    );
    this.name = 'TooManyAttemptsError';
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/**
 * An access token that must not be honoured; `reason` says why, for the log only (the caller is
 * told nothing but 401).
 * @example
 * throw new InvalidAccessTokenError('expired');
 */
export class InvalidAccessTokenError extends UsersError {
  readonly reason: string;

  constructor(reason: string, options: { cause?: unknown } = {}) {
    super(USERS_ERROR.invalidAccessToken, 'Invalid access token', options);
    this.name = 'InvalidAccessTokenError';
    this.reason = reason;
  }
}
