import { ConfigurationError } from '@motorcade/lambda';

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
 * `arn:<partition>:iot:<region>:<account>`, which the template sets as `IOT_ARN_PREFIX`, so the
 * MQTT authorizer's policies name this account's IoT resources without building ARNs itself.
 * @example
 * allowDevice(device, iotArnPrefix());
 */
export function iotArnPrefix(): string {
  const prefix = process.env.IOT_ARN_PREFIX;
  if (!prefix?.startsWith('arn:'))
    throw new ConfigurationError(
      'IOT_ARN_PREFIX is not set: the template must pass arn:<partition>:iot:<region>:<account>',
    );
  return prefix;
}
