/**
 * One field that failed validation: where it is (`body.name`, `query.limit`, `path.id`,
 * `headers.x-api-key`) and what is wrong with it.
 * @example
 * const field: FieldError = { path: 'body.name', message: 'Too small: expected string to have >=1 characters' };
 */
export interface FieldError {
  readonly path: string;
  readonly message: string;
}

/**
 * The one JSON error body every HTTP function of every service answers with.
 * `code` is stable (machines switch on it), `message` is for people, `requestId` is the Lambda
 * request id to find the logs, `fields` lists every failing field of a 400.
 * @example
 * const body: ErrorBody = { error: { code: 'NOT_FOUND', message: 'No vehicle v1', requestId: 'c6af9ac6-...' } };
 */
export interface ErrorBody {
  readonly error: {
    readonly code: string;
    readonly message: string;
    readonly requestId: string;
    readonly fields?: readonly FieldError[];
  };
}
