import type { LambdaService } from '../lambda/lambda-service.js';
import type { AuthorizerDefinition, IdentitySource } from './api-definition.js';
import type { AuthorizerCache, AuthorizerResult } from './authorizer-cache.js';
import { GATEWAY_ERRORS, type GatewayError } from './gateway-errors.js';
import { headerValue } from './gateway-request.js';
import { evaluatePolicy, InvalidPolicyError, parsePolicy } from './policy.js';
import { methodArn, type RequestFacts, requestContext } from './proxy-event.js';

/** Whether the request may reach the integration, and what the authorizer adds to its event. */
export type Authorization =
  | { readonly allowed: true; readonly context: Record<string, unknown> }
  | { readonly allowed: false; readonly error: GatewayError; readonly reason: string };

type Refusal = Extract<Authorization, { allowed: false }>;

const refuse = (error: GatewayError, reason: string): Refusal => ({ allowed: false, error, reason });

/**
 * Runs a Lambda authorizer as API Gateway does: identity sources checked first (a missing one, or
 * a token failing the validation expression, is 401 without invoking), then the cache, then the
 * function; its policy is evaluated against this request's method ARN.
 */
export async function authorize(
  facts: RequestFacts,
  authorizer: AuthorizerDefinition,
  lambda: LambdaService,
  cache: AuthorizerCache,
): Promise<Authorization> {
  const values: string[] = [];
  for (const source of authorizer.identitySources) {
    const value = identityValue(facts, source);
    if (value === undefined || value === '')
      return refuse(
        GATEWAY_ERRORS.unauthorized,
        `identity source ${source.location}.${source.name} is missing`,
      );
    values.push(value);
  }
  const token = values[0] ?? '';
  if (
    authorizer.type === 'TOKEN' &&
    authorizer.validationExpression &&
    !authorizer.validationExpression.test(token)
  )
    return refuse(GATEWAY_ERRORS.unauthorized, 'the token does not match the validation expression');

  const arn = methodArn(facts);
  // Without identity sources (a REQUEST authorizer with caching off) there is nothing to key on.
  const key = values.length === 0 ? undefined : `${facts.api.id}\n${authorizer.name}\n${values.join('\n')}`;
  const now = Date.now();
  let result = key === undefined ? undefined : cache.get(key, now);
  let latencyMs = 0;
  if (!result) {
    const started = performance.now();
    const invoked = await invokeAuthorizer(facts, authorizer, lambda, arn, token);
    latencyMs = Math.round(performance.now() - started);
    if (!('result' in invoked)) return invoked;
    result = invoked.result;
    if (key !== undefined) cache.set(key, result, authorizer.ttlSeconds, now);
  }
  const decision = evaluatePolicy(result.statements, arn);
  if (decision === 'explicitDeny') return refuse(GATEWAY_ERRORS.explicitDeny, `the policy denies ${arn}`);
  if (decision === 'deny') return refuse(GATEWAY_ERRORS.accessDenied, `the policy does not allow ${arn}`);
  return {
    allowed: true,
    context: { ...result.context, principalId: result.principalId, integrationLatency: latencyMs },
  };
}

async function invokeAuthorizer(
  facts: RequestFacts,
  authorizer: AuthorizerDefinition,
  lambda: LambdaService,
  arn: string,
  token: string,
): Promise<{ result: AuthorizerResult } | Refusal> {
  const event =
    authorizer.type === 'TOKEN'
      ? { type: 'TOKEN', methodArn: arn, authorizationToken: token }
      : {
          type: 'REQUEST',
          methodArn: arn,
          resource: facts.method.resourcePath,
          path: facts.request.path,
          httpMethod: facts.request.method,
          headers: facts.parameters.headers,
          multiValueHeaders: facts.parameters.multiValueHeaders,
          queryStringParameters: facts.parameters.queryStringParameters,
          multiValueQueryStringParameters: facts.parameters.multiValueQueryStringParameters,
          pathParameters: facts.pathParameters,
          stageVariables: facts.stage.variables,
          requestContext: requestContext(facts),
        };
  const configuration = (reason: string): Refusal => refuse(GATEWAY_ERRORS.authorizerConfiguration, reason);
  let answer: { payload: Buffer; functionError?: string };
  try {
    answer = await lambda.invoke(authorizer.functionArn, Buffer.from(JSON.stringify(event)));
  } catch (error) {
    return configuration(
      `the authorizer ${authorizer.functionArn} could not be invoked: ${(error as Error).message}`,
    );
  }
  const text = answer.payload.toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return configuration(`the authorizer answered something that is not JSON: ${text.slice(0, 200)}`);
  }
  if (answer.functionError) {
    const message = (parsed as { errorMessage?: unknown } | null)?.errorMessage;
    // `throw new Error('Unauthorized')` is the documented way for an authorizer to answer 401.
    if (message === 'Unauthorized')
      return refuse(GATEWAY_ERRORS.unauthorized, 'the authorizer answered Unauthorized');
    return configuration(`the authorizer failed: ${String(message)}`);
  }
  if (typeof parsed !== 'object' || parsed === null)
    return configuration('the authorizer answered no object');
  const response = parsed as Record<string, unknown>;
  try {
    const statements = parsePolicy(response.policyDocument);
    const context: Record<string, string> = {};
    const rawContext = response.context ?? {};
    if (typeof rawContext !== 'object' || rawContext === null || Array.isArray(rawContext))
      return configuration('context must be an object');
    for (const [name, value] of Object.entries(rawContext)) {
      if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')
        return configuration(`context.${name} must be a string, number or boolean`);
      // The REST API hands context values to the integration as strings.
      context[name] = String(value);
    }
    return { result: { principalId: String(response.principalId ?? ''), statements, context } };
  } catch (error) {
    if (error instanceof InvalidPolicyError) return configuration(`invalid policy: ${error.message}`);
    throw error;
  }
}

function identityValue(facts: RequestFacts, source: IdentitySource): string | undefined {
  switch (source.location) {
    case 'header':
      return headerValue(facts.parameters, source.name);
    case 'querystring':
      return facts.parameters.queryStringParameters?.[source.name];
    case 'stageVariables':
      return facts.stage.variables?.[source.name];
    case 'context': {
      const value = requestContext(facts)[source.name];
      return typeof value === 'string' ? value : undefined;
    }
  }
}
