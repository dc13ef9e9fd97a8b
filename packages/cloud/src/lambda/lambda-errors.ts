import { AwsApiError } from '../errors.js';

/**
 * The body field AWS puts the message in. Lambda is not consistent: most errors use `message`,
 * but ResourceNotFoundException and RecursiveInvocationException use `Message` (as in the
 * service model the SDKs are generated from).
 */
export type MessageField = 'message' | 'Message';

/** Base of the Lambda API's errors: an {@link AwsApiError} that also knows its body's message field. */
export class LambdaApiError extends AwsApiError {
  readonly messageField: MessageField;

  constructor(
    type: string,
    statusCode: number,
    message: string,
    fields: Record<string, string> = {},
    messageField: MessageField = 'message',
  ) {
    super(type, statusCode, message, fields);
    this.messageField = messageField;
  }
}

/** 404 for a function (or qualifier) that does not exist: `Function not found: <arn>`. */
export class ResourceNotFoundError extends LambdaApiError {
  constructor(functionArn: string) {
    super('ResourceNotFoundException', 404, `Function not found: ${functionArn}`, {}, 'Message');
  }
}

/** 409 when creating a function whose name is taken. */
export class ResourceConflictError extends LambdaApiError {
  constructor(functionName: string) {
    super('ResourceConflictException', 409, `Function already exist: ${functionName}`);
  }
}

/** The synchronous request limit: 6 MB (6291456 bytes). */
export const SYNC_REQUEST_LIMIT_BYTES = 6 * 1024 * 1024;
/** The asynchronous request limit: 1 MB since January 2026 (it was 256 KB). */
export const ASYNC_REQUEST_LIMIT_BYTES = 1024 * 1024;

/**
 * 413 for a request payload over the limit. AWS's wire type is `RequestEntityTooLargeException`,
 * not the `RequestTooLargeException` its service model declares (aws/aws-sdk#45), so clients that
 * work against AWS test `error.name === 'RequestEntityTooLargeException'`; we answer the same.
 */
export class RequestTooLargeError extends LambdaApiError {
  constructor(message: string) {
    super('RequestEntityTooLargeException', 413, message);
  }

  static sync(): RequestTooLargeError {
    return new RequestTooLargeError(
      `Request must be smaller than ${SYNC_REQUEST_LIMIT_BYTES} bytes for the InvokeFunction operation`,
    );
  }

  static async(size: number): RequestTooLargeError {
    return new RequestTooLargeError(
      `${size} byte payload is too large for the Event invocation type (limit ${ASYNC_REQUEST_LIMIT_BYTES} bytes)`,
    );
  }
}

/** 400 for a payload that is not JSON; the message mirrors AWS's (which quotes its JSON parser). */
export class InvalidRequestContentError extends LambdaApiError {
  constructor(parserMessage: string) {
    super(
      'InvalidRequestContentException',
      400,
      `Could not parse request body into json: Could not parse payload into json: ${parserMessage}`,
    );
  }
}

/** 400 for an invalid parameter (an unknown InvocationType, a mismatched qualifier). */
export class InvalidParameterValueError extends LambdaApiError {
  constructor(message: string) {
    super('InvalidParameterValueException', 400, message);
  }
}

/** Why a request was throttled, as AWS reports it in the `Reason` body field. */
export type ThrottleReason =
  | 'ConcurrentInvocationLimitExceeded'
  | 'ReservedFunctionConcurrentInvocationLimitExceeded';

/** 429 when the account's or the function's concurrency is exhausted. */
export class TooManyRequestsError extends LambdaApiError {
  readonly reason: ThrottleReason;

  constructor(reason: ThrottleReason) {
    super('TooManyRequestsException', 429, 'Rate Exceeded.', { Reason: reason });
    this.reason = reason;
  }
}

/** 400 when an invocation would continue a recursive loop past Lambda's limit of 16 hops. */
export class RecursiveInvocationError extends LambdaApiError {
  constructor() {
    super(
      'RecursiveInvocationException',
      400,
      "Lambda has detected your function being invoked in a recursive loop with other AWS resources and stopped your function's invocation.",
      {},
      'Message',
    );
  }
}
