import type { ApiMethod } from './api-definition.js';
import {
  type GatewayRequest,
  headerValue,
  isBinaryType,
  type RequestIds,
  type RequestParameters,
  requestTime,
} from './gateway-request.js';
import type { ApiStage, RestApi } from './rest-api-registry.js';

/** Everything about one request that the proxy event and a REQUEST authorizer's event share. */
export interface RequestFacts {
  readonly api: RestApi;
  readonly stage: ApiStage;
  readonly method: ApiMethod;
  readonly request: GatewayRequest;
  readonly parameters: RequestParameters;
  readonly pathParameters: Readonly<Record<string, string>> | null;
  readonly ids: RequestIds;
  readonly accountId: string;
  readonly region: string;
}

/** `arn:aws:execute-api:<region>:<account>:<apiId>/<stage>/<METHOD>/<path>`, what policies are evaluated against. */
export function methodArn(facts: RequestFacts): string {
  const { api, stage, request, accountId, region } = facts;
  return `arn:aws:execute-api:${region}:${accountId}:${api.id}/${stage.name}/${request.method}${request.path}`;
}

/** The v1 `requestContext` (without `authorizer`, which only the integration gets). */
export function requestContext(facts: RequestFacts): Record<string, unknown> {
  const { api, stage, method, request, parameters, ids } = facts;
  const host = headerValue(parameters, 'host') ?? 'localhost';
  return {
    resourceId: method.resourceId,
    resourcePath: method.resourcePath,
    httpMethod: request.method,
    extendedRequestId: ids.extendedRequestId,
    requestTime: requestTime(request.receivedAtMs),
    path: `/${stage.name}${request.path}`,
    accountId: facts.accountId,
    protocol: 'HTTP/1.1',
    stage: stage.name,
    domainPrefix: host.split('.')[0]?.split(':')[0] ?? host,
    requestTimeEpoch: request.receivedAtMs,
    requestId: ids.requestId,
    identity: {
      cognitoIdentityPoolId: null,
      accountId: null,
      cognitoIdentityId: null,
      caller: null,
      sourceIp: request.sourceIp,
      principalOrgId: null,
      accessKey: null,
      cognitoAuthenticationType: null,
      cognitoAuthenticationProvider: null,
      userArn: null,
      userAgent: headerValue(parameters, 'user-agent') ?? null,
      user: null,
    },
    domainName: host,
    apiId: api.id,
  };
}

/**
 * The API Gateway v1 (REST) Lambda proxy event. The body is base64 with `isBase64Encoded` when its
 * Content-Type is one of the API's binary media types, else UTF-8 text; no body is `null`.
 */
export function proxyEvent(
  facts: RequestFacts,
  authorizer: Record<string, unknown> | undefined,
): Record<string, unknown> {
  const { request, parameters, stage, method } = facts;
  const binary = isBinaryType(headerValue(parameters, 'content-type'), facts.api.definition.binaryMediaTypes);
  const context = requestContext(facts);
  if (authorizer) context.authorizer = authorizer;
  return {
    resource: method.resourcePath,
    path: request.path,
    httpMethod: request.method,
    headers: parameters.headers,
    multiValueHeaders: parameters.multiValueHeaders,
    queryStringParameters: parameters.queryStringParameters,
    multiValueQueryStringParameters: parameters.multiValueQueryStringParameters,
    pathParameters: facts.pathParameters,
    stageVariables: stage.variables,
    requestContext: context,
    body: request.body.length === 0 ? null : request.body.toString(binary ? 'base64' : 'utf8'),
    isBase64Encoded: binary && request.body.length > 0,
  };
}
