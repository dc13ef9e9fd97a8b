import { randomBytes } from 'node:crypto';
import type { EnvironmentContext } from '../cloud-service.js';
import { CloudError } from '../errors.js';
import type { ResourceProvider, ResourceRequest, ResourceState } from '../stacks/resource-provider.js';
import type { IdentitySource, WebSocketApiRegistry } from './websocket-api-registry.js';

/** A WebSocket API resource the local cloud cannot honour, named by file, resource and property. */
export class WebSocketDefinitionError extends CloudError {
  constructor(request: ResourceRequest, property: string, message: string) {
    super(
      'WEBSOCKET_DEFINITION_INVALID',
      `${request.stack.templateFile}: resource ${request.logicalId}, property ${property}: ${message}`,
    );
  }
}

/** `arn:aws:apigateway:<region>:lambda:path/2015-03-31/functions/<function ARN>/invocations` → the function ARN. */
function functionArnOf(request: ResourceRequest, property: string, uri: unknown): string {
  const match = /functions\/(arn:aws:lambda:[^/]+)\/invocations$/.exec(String(uri ?? ''));
  if (!match?.[1]) {
    throw new WebSocketDefinitionError(
      request,
      property,
      `expected a Lambda integration URI, got ${JSON.stringify(uri)}`,
    );
  }
  return match[1];
}

const id = (length: number): string =>
  randomBytes(length)
    .toString('base64')
    .replace(/[^a-z0-9]/gi, '')
    .toLowerCase()
    .slice(0, length)
    .padEnd(length, '0');

/** Ids keep their value across updates; only a replacement gets a new one. */
function provider(
  properties: readonly string[],
  required: readonly string[],
  apply: (request: ResourceRequest, physicalId: string) => ResourceState,
  remove: (request: ResourceRequest & { physicalId: string }) => void,
  newId: (request: ResourceRequest) => string = () => id(7),
): ResourceProvider {
  return {
    properties: new Set(properties),
    requiredProperties: new Set(required),
    create: async (request) => apply(request, newId(request)),
    update: async (request) => apply(request, request.physicalId),
    delete: async (request) => remove(request),
    restore: async (request, state) => apply(request, state.physicalId),
  };
}

/**
 * Providers for `AWS::ApiGatewayV2::Api` (WEBSOCKET), `Route`, `Integration` (AWS_PROXY to Lambda),
 * `Authorizer` (REQUEST, on `$connect`), `Stage` and `Deployment`. HTTP APIs (ProtocolType HTTP)
 * are refused by name.
 */
export function webSocketProviders(
  registry: WebSocketApiRegistry,
  context: EnvironmentContext,
): Record<string, ResourceProvider> {
  const api = (request: ResourceRequest) => {
    const apiId = String(request.properties.ApiId);
    const found = registry.get(apiId);
    if (!found)
      throw new WebSocketDefinitionError(request, 'ApiId', `no WebSocket API ${apiId} in this environment`);
    return found;
  };
  return {
    'AWS::ApiGatewayV2::Api': provider(
      [
        'Name',
        'ProtocolType',
        'RouteSelectionExpression',
        'Description',
        'ApiKeySelectionExpression',
        'DisableExecuteApiEndpoint',
        'Tags',
      ],
      ['ProtocolType'],
      (request, apiId) => {
        if (request.properties.ProtocolType !== 'WEBSOCKET') {
          throw new WebSocketDefinitionError(
            request,
            'ProtocolType',
            'only WEBSOCKET APIs are emulated (HTTP APIs are not yet)',
          );
        }
        registry.add({
          id: apiId,
          name: String(request.properties.Name ?? request.logicalId),
          stackName: request.stack.stackName,
          service: request.stack.service,
          logicalId: request.logicalId,
          routeSelectionExpression: String(
            request.properties.RouteSelectionExpression ?? '$request.body.action',
          ),
        });
        return {
          physicalId: apiId,
          attributes: {
            ApiId: apiId,
            ApiEndpoint: `wss://${apiId}.execute-api.${context.region}.amazonaws.com`,
          },
        };
      },
      (request) => registry.remove(request.physicalId),
      () => id(10),
    ),
    'AWS::ApiGatewayV2::Integration': provider(
      [
        'ApiId',
        'IntegrationType',
        'IntegrationUri',
        'IntegrationMethod',
        'Description',
        'TimeoutInMillis',
        'ContentHandlingStrategy',
        'CredentialsArn',
        'PassthroughBehavior',
      ],
      ['ApiId', 'IntegrationType'],
      (request, integrationId) => {
        if (request.properties.IntegrationType !== 'AWS_PROXY') {
          throw new WebSocketDefinitionError(
            request,
            'IntegrationType',
            'only AWS_PROXY (Lambda) integrations are emulated',
          );
        }
        api(request).integrations.set(
          integrationId,
          functionArnOf(request, 'IntegrationUri', request.properties.IntegrationUri),
        );
        return { physicalId: integrationId, attributes: { IntegrationId: integrationId } };
      },
      (request) => registry.get(String(request.properties.ApiId))?.integrations.delete(request.physicalId),
    ),
    'AWS::ApiGatewayV2::Authorizer': provider(
      ['ApiId', 'AuthorizerType', 'AuthorizerUri', 'IdentitySource', 'Name', 'AuthorizerCredentialsArn'],
      ['ApiId', 'AuthorizerType', 'Name'],
      (request, authorizerId) => {
        if (request.properties.AuthorizerType !== 'REQUEST') {
          throw new WebSocketDefinitionError(
            request,
            'AuthorizerType',
            'WebSocket APIs take REQUEST (Lambda) authorizers',
          );
        }
        api(request).authorizers.set(authorizerId, {
          id: authorizerId,
          name: String(request.properties.Name),
          functionArn: functionArnOf(request, 'AuthorizerUri', request.properties.AuthorizerUri),
          identitySources: identitySources(request),
        });
        return { physicalId: authorizerId, attributes: { AuthorizerId: authorizerId } };
      },
      (request) => registry.get(String(request.properties.ApiId))?.authorizers.delete(request.physicalId),
    ),
    'AWS::ApiGatewayV2::Route': provider(
      [
        'ApiId',
        'RouteKey',
        'Target',
        'AuthorizationType',
        'AuthorizerId',
        'OperationName',
        'RouteResponseSelectionExpression',
        'ApiKeyRequired',
        'ModelSelectionExpression',
        'RequestModels',
        'RequestParameters',
        'AuthorizationScopes',
      ],
      ['ApiId', 'RouteKey'],
      (request, routeId) => {
        const p = request.properties;
        const target =
          p.Target === undefined ? undefined : /^integrations\/(.+)$/.exec(String(p.Target))?.[1];
        if (p.Target !== undefined && !target) {
          throw new WebSocketDefinitionError(
            request,
            'Target',
            `expected integrations/<IntegrationId>, got ${JSON.stringify(p.Target)}`,
          );
        }
        const authorization = String(p.AuthorizationType ?? 'NONE');
        if (authorization !== 'NONE' && authorization !== 'CUSTOM') {
          throw new WebSocketDefinitionError(
            request,
            'AuthorizationType',
            `${authorization} authorization is not emulated (NONE or CUSTOM)`,
          );
        }
        if (authorization === 'CUSTOM' && p.RouteKey !== '$connect') {
          throw new WebSocketDefinitionError(
            request,
            'AuthorizationType',
            'WebSocket APIs authorize on the $connect route only',
          );
        }
        const routes = api(request).routes;
        for (const [key, route] of routes) if (route.id === routeId) routes.delete(key);
        routes.set(String(p.RouteKey), {
          id: routeId,
          routeKey: String(p.RouteKey),
          integrationId: target,
          authorizerId: authorization === 'CUSTOM' ? String(p.AuthorizerId) : undefined,
          routeResponseSelectionExpression:
            p.RouteResponseSelectionExpression === undefined
              ? undefined
              : String(p.RouteResponseSelectionExpression),
        });
        return { physicalId: routeId, attributes: { RouteId: routeId } };
      },
      (request) => {
        const routes = registry.get(String(request.properties.ApiId))?.routes;
        for (const [key, route] of routes ?? []) if (route.id === request.physicalId) routes?.delete(key);
      },
    ),
    'AWS::ApiGatewayV2::Stage': provider(
      [
        'ApiId',
        'StageName',
        'DeploymentId',
        'AutoDeploy',
        'Description',
        'StageVariables',
        'DefaultRouteSettings',
        'RouteSettings',
        'AccessLogSettings',
        'Tags',
      ],
      ['ApiId', 'StageName'],
      (request, _stageId) => {
        api(request).stages.add(String(request.properties.StageName));
        return { physicalId: String(request.properties.StageName), attributes: {} };
      },
      (request) => registry.get(String(request.properties.ApiId))?.stages.delete(request.physicalId),
      (request) => String(request.properties.StageName),
    ),
    'AWS::ApiGatewayV2::Deployment': provider(
      ['ApiId', 'StageName', 'Description'],
      ['ApiId'],
      (request, deploymentId) => {
        if (request.properties.StageName !== undefined)
          api(request).stages.add(String(request.properties.StageName));
        return { physicalId: deploymentId, attributes: { DeploymentId: deploymentId } };
      },
      () => {},
    ),
  };
}

function identitySources(request: ResourceRequest): IdentitySource[] {
  const raw = request.properties.IdentitySource;
  const list = raw === undefined ? [] : Array.isArray(raw) ? raw : String(raw).split(',');
  return list.map((entry) => {
    const match = /^route\.request\.(header|querystring)\.(.+)$/.exec(String(entry).trim());
    if (!match?.[1] || !match[2]) {
      throw new WebSocketDefinitionError(
        request,
        'IdentitySource',
        `expected route.request.header.<name> or route.request.querystring.<name>, got ${JSON.stringify(entry)}`,
      );
    }
    return { kind: match[1] as IdentitySource['kind'], name: match[2] };
  });
}
