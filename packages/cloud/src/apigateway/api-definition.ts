import { createHash } from 'node:crypto';
import { ApiDefinitionError } from './gateway-errors.js';

/** A Lambda proxy integration: the method invokes a function with the v1 proxy event. */
export interface ProxyIntegration {
  readonly kind: 'proxy';
  readonly functionArn: string;
  /** API Gateway's integration timeout: 29 s unless `timeoutInMillis` says less. */
  readonly timeoutMs: number;
}

/** A mock integration with a static answer (what SAM's CORS preflight is). */
export interface MockIntegration {
  readonly kind: 'mock';
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;
}

/** One method of one resource of the API. */
export interface ApiMethod {
  /** API Gateway's resource path, e.g. `/items/{id}`. */
  readonly resourcePath: string;
  /** Upper case, or `ANY`. */
  readonly httpMethod: string;
  readonly resourceId: string;
  readonly integration: ProxyIntegration | MockIntegration;
  /** Name of the Lambda authorizer guarding the method, if any. */
  readonly authorizer?: string;
}

/** Where an identity source value comes from. */
export interface IdentitySource {
  readonly location: 'header' | 'querystring' | 'stageVariables' | 'context';
  readonly name: string;
}

/** A Lambda authorizer of the API. */
export interface AuthorizerDefinition {
  readonly name: string;
  readonly type: 'TOKEN' | 'REQUEST';
  readonly functionArn: string;
  readonly identitySources: readonly IdentitySource[];
  readonly validationExpression?: RegExp;
  /** 0 disables caching; API Gateway's default is 300. */
  readonly ttlSeconds: number;
}

/** What the gateway needs of a REST API definition. */
export interface ApiDefinition {
  readonly methods: readonly ApiMethod[];
  readonly authorizers: ReadonlyMap<string, AuthorizerDefinition>;
  readonly binaryMediaTypes: readonly string[];
}

type Json = Record<string, unknown>;

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options']);
const ANY = 'x-amazon-apigateway-any-method';
const DEFAULT_TIMEOUT_MS = 29_000;
const LAMBDA_URI =
  /^arn:aws[a-z-]*:apigateway:[a-z0-9-]+:lambda:path\/2015-03-31\/functions\/(.+)\/invocations$/;
/** Definition keys that describe the API only for documentation or clients: no runtime effect. */
const IGNORED_TOP_LEVEL = new Set([
  'swagger',
  'openapi',
  'info',
  'paths',
  'servers',
  'host',
  'basePath',
  'schemes',
  'consumes',
  'produces',
  'tags',
  'externalDocs',
  'securityDefinitions',
  'components',
  'security',
  'x-amazon-apigateway-binary-media-types',
]);

/**
 * Reads an OpenAPI 2.0 or 3.x definition with API Gateway's extensions into the methods,
 * authorizers and binary media types the gateway serves. What is not emulated — non-proxy
 * integrations, models and request validators, API keys, Cognito and IAM authorization, custom
 * gateway responses — is refused, naming where it is.
 *
 * @param where - e.g. `services/items/template.yaml: resource Api, property Body`
 */
export function parseApiDefinition(
  body: unknown,
  where: string,
  extraBinaryMediaTypes: readonly string[] = [],
): ApiDefinition {
  if (!isObject(body)) throw new ApiDefinitionError(where, 'must be an OpenAPI document');
  const fail = (path: string, detail: string): never => {
    throw new ApiDefinitionError(`${where}.${path}`, detail);
  };
  for (const key of Object.keys(body)) {
    if (!IGNORED_TOP_LEVEL.has(key) && key !== 'definitions')
      fail(key, `${key} is not emulated by the local cloud`);
  }
  const models = isObject(body.components) ? body.components.schemas : body.definitions;
  if (isObject(models) && Object.keys(models).length > 0)
    fail(
      body.definitions ? 'definitions' : 'components.schemas',
      'models (request and response schemas) are not emulated by the local cloud',
    );
  const securitySchemes =
    (isObject(body.components) ? body.components.securitySchemes : body.securityDefinitions) ?? {};
  if (!isObject(securitySchemes)) return fail('securityDefinitions', 'must be a mapping');
  const authorizers = new Map<string, AuthorizerDefinition>();
  for (const [name, scheme] of Object.entries(securitySchemes)) {
    authorizers.set(
      name,
      authorizerOf(name, scheme, (detail) => fail(`securityDefinitions.${name}`, detail)),
    );
  }
  const paths = body.paths ?? {};
  if (!isObject(paths)) return fail('paths', 'must be a mapping');
  const methods: ApiMethod[] = [];
  for (const [resourcePath, operations] of Object.entries(paths)) {
    if (!resourcePath.startsWith('/')) fail(`paths.${resourcePath}`, 'a path must start with /');
    if (!isObject(operations)) return fail(`paths.${resourcePath}`, 'must be a mapping');
    for (const [key, operation] of Object.entries(operations)) {
      const at = `paths.${resourcePath}.${key}`;
      if (key === 'parameters' || key === 'summary' || key === 'description') continue;
      if (key !== ANY && !HTTP_METHODS.has(key)) fail(at, `${key} is not an HTTP method API Gateway knows`);
      if (!isObject(operation)) return fail(at, 'must be a mapping');
      methods.push(
        methodOf(resourcePath, key, operation, authorizers, (path, detail) => fail(`${at}${path}`, detail)),
      );
    }
  }
  const declared = body['x-amazon-apigateway-binary-media-types'] ?? [];
  if (!Array.isArray(declared)) return fail('x-amazon-apigateway-binary-media-types', 'must be a list');
  const binaryMediaTypes = [...new Set([...declared.map(String), ...extraBinaryMediaTypes])];
  return { methods, authorizers, binaryMediaTypes };
}

function methodOf(
  resourcePath: string,
  key: string,
  operation: Json,
  authorizers: ReadonlyMap<string, AuthorizerDefinition>,
  fail: (path: string, detail: string) => never,
): ApiMethod {
  for (const unsupported of ['x-amazon-apigateway-request-validator', 'x-amazon-apigateway-auth']) {
    if (operation[unsupported] !== undefined)
      fail(`.${unsupported}`, `${unsupported} is not emulated by the local cloud`);
  }
  if (operation.requestBody !== undefined)
    fail('.requestBody', 'request models are not emulated by the local cloud');
  const integration = operation['x-amazon-apigateway-integration'];
  if (!isObject(integration)) return fail('', 'a method needs an x-amazon-apigateway-integration');
  const httpMethod = key === ANY ? 'ANY' : key.toUpperCase();
  return {
    resourcePath,
    httpMethod,
    resourceId: resourceIdOf(resourcePath),
    integration: integrationOf(integration, (path, detail) =>
      fail(`.x-amazon-apigateway-integration${path}`, detail),
    ),
    ...authorizerFor(operation.security, authorizers, (detail) => fail('.security', detail)),
  };
}

function integrationOf(
  integration: Json,
  fail: (path: string, detail: string) => never,
): ProxyIntegration | MockIntegration {
  const type = String(integration.type ?? '').toLowerCase();
  if (type === 'aws_proxy') {
    const uri = String(integration.uri ?? '');
    const functionArn = LAMBDA_URI.exec(uri)?.[1];
    if (functionArn === undefined) return fail('.uri', `only Lambda function URIs are emulated, not ${uri}`);
    const timeout = integration.timeoutInMillis;
    return {
      kind: 'proxy',
      functionArn,
      timeoutMs: timeout === undefined ? DEFAULT_TIMEOUT_MS : Number(timeout),
    };
  }
  if (type === 'mock') {
    const responses = isObject(integration.responses) ? integration.responses : {};
    const answer = isObject(responses.default) ? responses.default : {};
    const headers: Record<string, string> = {};
    const parameters = isObject(answer.responseParameters) ? answer.responseParameters : {};
    for (const [name, value] of Object.entries(parameters)) {
      const header = /^method\.response\.header\.(.+)$/.exec(name)?.[1];
      const literal = /^'(.*)'$/s.exec(String(value))?.[1];
      if (header === undefined || literal === undefined)
        return fail(
          `.responses.default.responseParameters.${name}`,
          'only static header values (quoted) are emulated for mock integrations',
        );
      headers[header] = literal;
    }
    return { kind: 'mock', statusCode: Number(answer.statusCode ?? 200), headers };
  }
  return fail(
    '.type',
    `${type || 'an untyped'} integration is not emulated: the local cloud runs Lambda proxy (aws_proxy) and mock integrations only`,
  );
}

function authorizerFor(
  security: unknown,
  authorizers: ReadonlyMap<string, AuthorizerDefinition>,
  fail: (detail: string) => never,
): { authorizer?: string } {
  if (security === undefined) return {};
  if (!Array.isArray(security)) return fail('must be a list');
  const names = security
    .flatMap((entry) => (isObject(entry) ? Object.keys(entry) : []))
    .filter((name) => name !== 'NONE');
  if (names.length === 0) return {};
  if (names.length > 1) return fail(`only one authorizer per method is emulated, not ${names.join(' and ')}`);
  const name = names[0] as string;
  if (!authorizers.has(name)) return fail(`${name} is not in securityDefinitions`);
  return { authorizer: name };
}

function authorizerOf(name: string, scheme: unknown, fail: (detail: string) => never): AuthorizerDefinition {
  if (!isObject(scheme)) return fail('must be a mapping');
  const extension = scheme['x-amazon-apigateway-authorizer'];
  if (!isObject(extension)) {
    return fail(
      scheme.name === 'x-api-key'
        ? 'API keys are not emulated by the local cloud'
        : `only Lambda authorizers (x-amazon-apigateway-authorizer) are emulated, not ${String(scheme['x-amazon-apigateway-authtype'] ?? scheme.type)}`,
    );
  }
  const type = String(extension.type ?? '').toLowerCase();
  if (type !== 'token' && type !== 'request')
    return fail(
      `${type || 'an untyped'} authorizers are not emulated: only Lambda TOKEN and REQUEST authorizers`,
    );
  const functionArn = LAMBDA_URI.exec(String(extension.authorizerUri ?? ''))?.[1];
  if (functionArn === undefined) return fail('authorizerUri must be a Lambda function invocation URI');
  const ttl = extension.authorizerResultTtlInSeconds;
  const identitySources =
    extension.identitySource === undefined
      ? type === 'token'
        ? [{ location: 'header' as const, name: String(scheme.name ?? 'Authorization') }]
        : []
      : String(extension.identitySource)
          .split(',')
          .map((source) => identitySourceOf(source.trim(), fail));
  const expression = extension.identityValidationExpression;
  return {
    name,
    type: type === 'token' ? 'TOKEN' : 'REQUEST',
    functionArn,
    identitySources,
    ...(expression === undefined ? {} : { validationExpression: new RegExp(`^(?:${String(expression)})$`) }),
    ttlSeconds: ttl === undefined ? 300 : Number(ttl),
  };
}

function identitySourceOf(source: string, fail: (detail: string) => never): IdentitySource {
  const match = /^(?:method\.request\.(header|querystring)|(stageVariables)|(context))\.(.+)$/.exec(source);
  if (!match) return fail(`identity source ${source} is not one API Gateway knows`);
  const location = (match[1] ?? match[2] ?? match[3]) as IdentitySource['location'];
  return { location, name: match[4] as string };
}

/** A stable 6-character resource id per path, as API Gateway's resource ids look. */
function resourceIdOf(resourcePath: string): string {
  return BigInt(`0x${createHash('sha1').update(resourcePath).digest('hex').slice(0, 12)}`)
    .toString(36)
    .slice(0, 6)
    .padStart(6, '0');
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
