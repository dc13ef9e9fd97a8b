/** An error the AWS SDK threw: its `name` is the service's error type. */
export interface AwsError extends Error {
  readonly $metadata?: { readonly httpStatusCode?: number };
}

/** Whether a thrown value is an SDK error (or any Error). */
export function isAwsError(error: unknown): error is AwsError {
  return error instanceof Error;
}

/**
 * One line for a failed AWS call: the error type and message, for the delivery's `last_error`.
 * @example
 * describeAwsError(error); // 'ResourceNotFoundException: Function not found: arn:aws:lambda:...'
 */
export function describeAwsError(error: unknown): string {
  if (!isAwsError(error)) return String(error);
  return `${error.name}: ${error.message}`.slice(0, 1_000);
}
