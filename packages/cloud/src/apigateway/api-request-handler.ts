import type { LambdaService } from '../lambda/lambda-service.js';
import type { ProxyIntegration } from './api-definition.js';
import { authorize } from './authorizer.js';
import type { AuthorizerCache } from './authorizer-cache.js';
import { GATEWAY_ERRORS, type GatewayError } from './gateway-errors.js';
import {
  type GatewayRequest,
  headerValue,
  newRequestIds,
  type RequestIds,
  requestParameters,
} from './gateway-request.js';
import { proxyEvent, type RequestFacts } from './proxy-event.js';
import { type GatewayResponse, MalformedProxyResponseError, mapProxyResponse } from './proxy-response.js';
import { type RestApi, servedStage } from './rest-api-registry.js';

/** What the handler needs of the environment the API lives in. */
export interface ApiEnvironment {
  readonly lambda: LambdaService;
  readonly cache: AuthorizerCache;
  readonly accountId: string;
  readonly region: string;
}

/** The answer, and why it is an error when it is one (for the log line). */
export interface HandledRequest {
  readonly response: GatewayResponse;
  readonly reason?: string;
}

/**
 * One request to one REST API, as API Gateway runs it: route, authorizer, integration, response
 * mapping. Every failure is answered with API Gateway's own status, error type and message.
 */
export async function handleApiRequest(
  api: RestApi,
  request: GatewayRequest,
  environment: ApiEnvironment,
): Promise<HandledRequest> {
  const ids = newRequestIds(request.receivedAtMs);
  const stage = servedStage(api);
  const match = stage && api.routes.match(request.method, request.path);
  if (!stage || !match) {
    return fail(
      GATEWAY_ERRORS.missingAuthenticationToken,
      ids,
      `no method ${request.method} ${request.path}`,
    );
  }
  const facts: RequestFacts = {
    api,
    stage,
    method: match.method,
    request,
    parameters: requestParameters(request),
    pathParameters: match.pathParameters,
    ids,
    accountId: environment.accountId,
    region: environment.region,
  };
  let authorizerContext: Record<string, unknown> | undefined;
  if (match.method.authorizer !== undefined) {
    const definition = api.definition.authorizers.get(match.method.authorizer);
    if (!definition) return fail(GATEWAY_ERRORS.authorizerConfiguration, ids, 'unknown authorizer');
    const outcome = await authorize(facts, definition, environment.lambda, environment.cache);
    if (!outcome.allowed) return fail(outcome.error, ids, outcome.reason);
    authorizerContext = outcome.context;
  }
  const integration = match.method.integration;
  if (integration.kind === 'mock') {
    return {
      response: {
        status: integration.statusCode,
        headers: { 'Content-Type': 'application/json', ...integration.headers, ...idHeaders(ids) },
        body: Buffer.alloc(0),
      },
    };
  }
  return invokeIntegration(facts, integration, authorizerContext, environment);
}

async function invokeIntegration(
  facts: RequestFacts,
  integration: ProxyIntegration,
  authorizerContext: Record<string, unknown> | undefined,
  environment: ApiEnvironment,
): Promise<HandledRequest> {
  const { ids } = facts;
  const event = Buffer.from(JSON.stringify(proxyEvent(facts, authorizerContext)));
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), integration.timeoutMs);
  });
  try {
    // On a timeout API Gateway answers 504 while the function runs on to its own end, as here.
    const invoked = environment.lambda.invoke(integration.functionArn, event, { traceHeader: ids.traceId });
    invoked.catch(() => {});
    const result = await Promise.race([invoked, timedOut]);
    if (result === 'timeout')
      return fail(
        GATEWAY_ERRORS.timeout,
        ids,
        `the function ran past the ${integration.timeoutMs} ms integration timeout`,
      );
    if (result.functionError)
      return fail(
        GATEWAY_ERRORS.internalServerError,
        ids,
        `the function failed: ${result.payload.toString('utf8').slice(0, 300)}`,
      );
    const mapped = mapProxyResponse(
      result.payload,
      facts.api.definition.binaryMediaTypes,
      headerValue(facts.parameters, 'accept'),
    );
    return { response: { ...mapped, headers: { ...mapped.headers, ...idHeaders(ids) } } };
  } catch (error) {
    const reason =
      error instanceof MalformedProxyResponseError
        ? `Malformed Lambda proxy response: ${error.message}`
        : `the function could not be invoked: ${(error as Error).message}`;
    return fail(GATEWAY_ERRORS.internalServerError, ids, reason);
  } finally {
    clearTimeout(timer);
  }
}

function idHeaders(ids: RequestIds): Record<string, string> {
  return {
    'x-amzn-RequestId': ids.requestId,
    'x-amz-apigw-id': ids.extendedRequestId,
    'X-Amzn-Trace-Id': ids.traceId,
  };
}

/** One of API Gateway's own error answers. */
export function gatewayErrorResponse(error: GatewayError, ids: RequestIds): GatewayResponse {
  return {
    status: error.status,
    headers: { 'Content-Type': 'application/json', 'x-amzn-ErrorType': error.type, ...idHeaders(ids) },
    body: Buffer.from(JSON.stringify({ message: error.message })),
  };
}

function fail(error: GatewayError, ids: RequestIds, reason: string): HandledRequest {
  return { response: gatewayErrorResponse(error, ids), reason };
}
