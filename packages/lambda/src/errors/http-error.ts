import type { FieldError } from '../types/error-body.js';
import { LambdaLibraryError } from './lambda-library-error.js';

/** Options of an {@link HttpError}. */
export interface HttpErrorOptions {
  /** Whether the message may be shown to the client; defaults to `status < 500`. */
  readonly expose?: boolean;
  readonly fields?: readonly FieldError[];
  readonly headers?: Readonly<Record<string, string>>;
  readonly cause?: unknown;
}

/**
 * An error that becomes an HTTP response: the status, a stable `code` and, when `expose` is true
 * (the default below 500), the message. An unexposed error answers a plain 500 whose message says
 * nothing about internals, as Middy's error handler does.
 * @example
 * throw new HttpError(404, 'VEHICLE_NOT_FOUND', `No vehicle ${id}`);
 * throw new HttpError(409, 'ALREADY_ALLOCATED', 'The item is allocated', { cause: dbError });
 */
export class HttpError extends LambdaLibraryError {
  readonly statusCode: number;
  readonly expose: boolean;
  readonly fields: readonly FieldError[] | undefined;
  readonly headers: Readonly<Record<string, string>>;

  constructor(statusCode: number, code: string, message: string, options: HttpErrorOptions = {}) {
    super(code, message, options);
    // A literal name: bundlers minify class names, and the name is the errorType callers see.
    if (new.target === HttpError) this.name = 'HttpError';
    if (!Number.isInteger(statusCode) || statusCode < 400 || statusCode > 599) {
      throw new RangeError(`An HttpError needs a 4xx or 5xx status, not ${statusCode}`);
    }
    this.statusCode = statusCode;
    this.expose = options.expose ?? statusCode < 500;
    this.fields = options.fields;
    this.headers = options.headers ?? {};
  }
}

/**
 * The request is invalid: a 400 naming every failing field.
 * @example
 * throw new ValidationError([{ path: 'body.name', message: 'Required' }]);
 */
export class ValidationError extends HttpError {
  constructor(fields: readonly FieldError[], options: { cause?: unknown } = {}) {
    const names = fields.map((field) => field.path).join(', ');
    super(400, 'VALIDATION_FAILED', `Invalid request: ${names || 'malformed input'}`, { ...options, fields });
    // A literal name: bundlers minify class names, and the name is the errorType callers see.
    if (new.target === ValidationError) this.name = 'ValidationError';
  }
}
