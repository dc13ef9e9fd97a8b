/**
 * Base of every error the local cloud raises on purpose. `code` is stable and documented;
 * `message` is one readable line for the user; `cause` keeps the detail for the logs.
 */
export class CloudError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/**
 * An error that an AWS API answers with: `type` is AWS's error type (the `x-amzn-ErrorType`
 * header / `__type` body field), `statusCode` the HTTP status AWS uses for it.
 */
export class AwsApiError extends CloudError {
  readonly type: string;
  readonly statusCode: number;
  /** Extra fields AWS puts in the JSON error body (e.g. `Reason` for throttles). */
  readonly fields: Record<string, string>;

  constructor(type: string, statusCode: number, message: string, fields: Record<string, string> = {}) {
    super(type, message);
    this.type = type;
    this.statusCode = statusCode;
    this.fields = fields;
  }
}
