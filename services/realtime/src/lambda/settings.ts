import { ConfigurationError } from '@motorcade/lambda';

/** Pushes in flight at once per invocation, unless `PUSH_CONCURRENCY` says otherwise. */
export const DEFAULT_PUSH_CONCURRENCY = 32;

function required(name: string, what: string): string {
  const value = process.env[name];
  if (!value) throw new ConfigurationError(`${name} is not set: ${what}`);
  return value;
}

/**
 * The database URL the template passes as `DATABASE_URL` (from the stack's `DatabaseUrl`).
 * @example
 * pgConnection({ strategy: 'close-after-invocation', connectionString: databaseUrl() });
 */
export function databaseUrl(): string {
  return required('DATABASE_URL', 'the stack must pass its DatabaseUrl');
}

/**
 * The users service's token validator (`VALIDATE_TOKEN_ARN`, imported by the template).
 * @example
 * await invoke(validateTokenArn(), { type: 'TOKEN', authorizationToken, methodArn });
 */
export function validateTokenArn(): string {
  return required('VALIDATE_TOKEN_ARN', 'the template must import <users stack>-ValidateLambdaArn');
}

/**
 * The `@connections` endpoint of the WebSocket API's stage (`CONNECTIONS_ENDPOINT`,
 * `https://<api id>.execute-api.<region>.amazonaws.com/<stage>`), or undefined where an endpoint
 * override is set (`AWS_ENDPOINT_URL[_APIGATEWAYMANAGEMENTAPI]`): there the SDK reads the override
 * itself — on the local cloud that is the edge, which serves `@connections` for every API. An
 * explicit endpoint would win over the override and point a local function at AWS.
 * @example
 * new ApiGatewayManagementApiClient({ endpoint: connectionsEndpoint() });
 */
export function connectionsEndpoint(): string | undefined {
  if (process.env.AWS_ENDPOINT_URL_APIGATEWAYMANAGEMENTAPI || process.env.AWS_ENDPOINT_URL) return undefined;
  return required('CONNECTIONS_ENDPOINT', 'the template must pass the API stage’s @connections endpoint');
}

/**
 * How many pushes run at once (`PUSH_CONCURRENCY`, default {@link DEFAULT_PUSH_CONCURRENCY}).
 * @example
 * await fanOutEvent({ store, pusher, concurrency: pushConcurrency() }, orgId, event);
 */
export function pushConcurrency(): number {
  const value = Number(process.env.PUSH_CONCURRENCY ?? DEFAULT_PUSH_CONCURRENCY);
  if (!Number.isInteger(value) || value < 1)
    throw new ConfigurationError(
      `PUSH_CONCURRENCY must be a whole number ≥ 1, got ${process.env.PUSH_CONCURRENCY}`,
    );
  return value;
}
