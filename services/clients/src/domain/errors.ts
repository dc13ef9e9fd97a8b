/** The stable codes of the clients service's errors. */
export const CLIENTS_ERROR = {
  clientNotFound: 'CLIENT_NOT_FOUND',
  keyNotFound: 'API_KEY_NOT_FOUND',
  clientNameTaken: 'CLIENT_NAME_TAKEN',
  forbidden: 'FORBIDDEN',
  invalidApiKey: 'INVALID_API_KEY',
} as const;

/** One of {@link CLIENTS_ERROR}. */
export type ClientsErrorCode = (typeof CLIENTS_ERROR)[keyof typeof CLIENTS_ERROR];

/**
 * The base of the clients domain's errors: a stable `code`, a message fit for the caller, the
 * original error as `cause`.
 * @example
 * throw new ClientsError(CLIENTS_ERROR.clientNotFound, `No client ${id}`);
 */
export class ClientsError extends Error {
  readonly code: ClientsErrorCode;

  constructor(code: ClientsErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    // A literal, not new.target.name: bundles are minified (SAM's default) and would mangle it.
    this.name = 'ClientsError';
    this.code = code;
  }
}

/**
 * An API key that must not be honoured; `reason` is for the log only.
 * @example
 * throw new InvalidApiKeyError('revoked');
 */
export class InvalidApiKeyError extends ClientsError {
  readonly reason: string;

  constructor(reason: string) {
    super(CLIENTS_ERROR.invalidApiKey, 'Invalid API key');
    this.name = 'InvalidApiKeyError';
    this.reason = reason;
  }
}
