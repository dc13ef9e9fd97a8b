import { randomBytes } from 'node:crypto';
import type { ResourceProvider, ResourceRequest, ResourceState } from '../stacks/resource-provider.js';
import { parseApiDefinition } from './api-definition.js';
import { ApiDefinitionError, RestApiNotFoundError } from './gateway-errors.js';
import type { RestApiRegistry } from './rest-api-registry.js';

const ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A random id of `length` lower-case alphanumerics, as API Gateway's ids look. */
export function apiGatewayId(length: number): string {
  const bytes = randomBytes(length);
  let id = '';
  for (const byte of bytes) id += ALPHANUMERIC[byte % ALPHANUMERIC.length];
  return id;
}

const where = (request: ResourceRequest, property: string): string =>
  `${request.stack.templateFile}: resource ${request.logicalId}, property ${property}`;

/** Properties CloudFormation knows that change nothing locally (naming, endpoint type, tags). */
const REST_API_PROPERTIES = [
  'Body',
  'Name',
  'Description',
  'BinaryMediaTypes',
  'EndpointConfiguration',
  'FailOnWarnings',
  'Parameters',
  'Tags',
  'DisableExecuteApiEndpoint',
  'Mode',
];

/**
 * `AWS::ApiGateway::RestApi` from its `Body` (the OpenAPI definition SAM generates, or a
 * hand-written one). `Ref` is the API id, `RootResourceId` its root resource. APIs built from
 * separate Resource/Method resources or BodyS3Location are refused.
 */
export function restApiProvider(registry: RestApiRegistry): ResourceProvider {
  const register = (request: ResourceRequest, id: string, rootResourceId: string): ResourceState => {
    const body = request.properties.Body;
    if (body === undefined) {
      throw new ApiDefinitionError(
        where(request, 'Body'),
        'the local cloud serves REST APIs defined by their Body (OpenAPI); separate Resource and Method resources are not emulated',
      );
    }
    const binary = request.properties.BinaryMediaTypes;
    const definition = parseApiDefinition(
      body,
      where(request, 'Body'),
      Array.isArray(binary) ? binary.map(String) : [],
    );
    registry.put({
      id,
      stackName: request.stack.stackName,
      service: request.stack.service,
      logicalId: request.logicalId,
      rootResourceId,
      definition,
    });
    return { physicalId: id, attributes: { RootResourceId: rootResourceId, RestApiId: id } };
  };
  return {
    properties: new Set(REST_API_PROPERTIES),
    create: async (request) => register(request, apiGatewayId(10), apiGatewayId(10)),
    update: async (request) => {
      const existing = registry.get(request.physicalId);
      return register(request, request.physicalId, existing?.rootResourceId ?? apiGatewayId(10));
    },
    delete: async (request) => registry.remove(request.physicalId),
    restore: async (request, state) =>
      register(request, state.physicalId, String(state.attributes.RootResourceId ?? apiGatewayId(10))),
  };
}

/**
 * `AWS::ApiGateway::Deployment`. Locally a stage serves the API's current definition rather than
 * a snapshot, so a deployment only records itself and, with `StageName`, creates that stage.
 */
export function deploymentProvider(registry: RestApiRegistry): ResourceProvider {
  const apply = (request: ResourceRequest, id: string): ResourceState => {
    const restApiId = String(request.properties.RestApiId);
    if (!registry.get(restApiId)) throw new RestApiNotFoundError(where(request, 'RestApiId'), restApiId);
    const stageName = request.properties.StageName;
    if (typeof stageName === 'string' && stageName !== '')
      registry.setStage(restApiId, { name: stageName, variables: null, explicit: false });
    return { physicalId: id, attributes: { DeploymentId: id } };
  };
  return {
    properties: new Set([
      'RestApiId',
      'Description',
      'StageName',
      'StageDescription',
      'DeploymentCanarySettings',
    ]),
    requiredProperties: new Set(['RestApiId']),
    create: async (request) => apply(request, apiGatewayId(6)),
    update: async (request) => apply(request, request.physicalId),
    delete: async (request) => {
      const stageName = request.properties.StageName;
      const api = registry.get(String(request.properties.RestApiId));
      if (typeof stageName === 'string' && api?.stages.get(stageName)?.explicit === false)
        registry.removeStage(api.id, stageName);
    },
    restore: async (request, state) => apply(request, state.physicalId),
  };
}

/** `AWS::ApiGateway::Stage`: the stage name and its variables; `Ref` is the stage name. */
export function stageProvider(registry: RestApiRegistry): ResourceProvider {
  const apply = (request: ResourceRequest): ResourceState => {
    const restApiId = String(request.properties.RestApiId);
    if (!registry.get(restApiId)) throw new RestApiNotFoundError(where(request, 'RestApiId'), restApiId);
    const name = String(request.properties.StageName);
    const variables = request.properties.Variables;
    registry.setStage(restApiId, {
      name,
      variables:
        typeof variables === 'object' && variables !== null
          ? Object.fromEntries(Object.entries(variables).map(([key, value]) => [key, String(value)]))
          : null,
      explicit: true,
    });
    return { physicalId: name, attributes: {} };
  };
  return {
    properties: new Set([
      'RestApiId',
      'StageName',
      'DeploymentId',
      'Variables',
      'Description',
      'TracingEnabled',
      'Tags',
    ]),
    requiredProperties: new Set(['RestApiId', 'StageName']),
    create: async (request) => apply(request),
    update: async (request) => {
      const old = String(request.oldProperties.StageName);
      if (old !== String(request.properties.StageName))
        registry.removeStage(String(request.oldProperties.RestApiId), old);
      return apply(request);
    },
    delete: async (request) => registry.removeStage(String(request.properties.RestApiId), request.physicalId),
    restore: async (request) => apply(request),
  };
}
