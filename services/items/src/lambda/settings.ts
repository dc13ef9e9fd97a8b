import { ConfigurationError, SEND_EVENT_ARN_ENV } from '@motorcade/lambda';

/**
 * The database URL the template passes as `DATABASE_URL` (from the stack's `DatabaseUrl`).
 * @example
 * pgConnection({ strategy: 'close-after-invocation', connectionString: databaseUrl() });
 */
export function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new ConfigurationError('DATABASE_URL is not set: the stack must pass its DatabaseUrl');
  return url;
}

/**
 * The event bus's SendEvent ARN the template imports as `SEND_EVENT_ARN`.
 * @example
 * await invokeAsync(sendEventArn(), envelope);
 */
export function sendEventArn(): string {
  const arn = process.env[SEND_EVENT_ARN_ENV];
  if (!arn)
    throw new ConfigurationError(
      `${SEND_EVENT_ARN_ENV} is not set: import the event bus's SendEventArn in the template`,
    );
  return arn;
}
