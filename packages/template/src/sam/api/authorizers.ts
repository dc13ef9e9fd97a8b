import { isTemplateObject } from '../../template-shape.js';
import type { ResourceDefinition, TemplateObject, TemplateValue } from '../../types.js';
import type { Fail } from './api-event.js';

const AUTH_PROPERTIES = new Set(['DefaultAuthorizer', 'Authorizers', 'AddDefaultAuthorizerToCorsPreflight']);
const AUTHORIZER_PROPERTIES = new Set([
  'FunctionArn',
  'FunctionPayloadType',
  'Identity',
  'FunctionInvokeRole',
  'DisableFunctionDefaultPermissions',
]);
const TOKEN_IDENTITY = new Set(['Header', 'ValidationExpression', 'ReauthorizeEvery']);
const REQUEST_IDENTITY = new Set([
  'Headers',
  'QueryStrings',
  'StageVariables',
  'Context',
  'ReauthorizeEvery',
]);

/** An API's `Auth`, as swagger security definitions and the permissions SAM generates. */
export interface ApiAuth {
  readonly securityDefinitions: TemplateObject;
  readonly names: ReadonlySet<string>;
  readonly defaultAuthorizer?: string;
  readonly addDefaultAuthorizerToCorsPreflight: boolean;
  /** `<ApiId><Name>AuthorizerPermission` resources, letting API Gateway invoke each authorizer. */
  readonly permissions: ReadonlyMap<string, ResourceDefinition>;
}

/**
 * Translates `Auth` of an `AWS::Serverless::Api` as SAM does: each Lambda authorizer (TOKEN or
 * REQUEST) becomes a security definition with `x-amazon-apigateway-authorizer`. Cognito and IAM
 * authorizers, API keys, resource policies and usage plans are refused by name.
 */
export function translateAuth(apiId: string, value: TemplateValue | undefined, fail: Fail): ApiAuth {
  const empty: ApiAuth = {
    securityDefinitions: {},
    names: new Set(),
    addDefaultAuthorizerToCorsPreflight: true,
    permissions: new Map(),
  };
  if (value === undefined) return empty;
  const path = 'Properties.Auth';
  if (!isTemplateObject(value)) return fail('INVALID_PROPERTY', 'must be a mapping', path);
  for (const key of Object.keys(value)) {
    if (!AUTH_PROPERTIES.has(key))
      fail('UNSUPPORTED_PROPERTY', `Api Auth property ${key} is not supported`, `${path}.${key}`);
  }
  const securityDefinitions: TemplateObject = {};
  const permissions = new Map<string, ResourceDefinition>();
  const authorizers = value.Authorizers ?? {};
  if (!isTemplateObject(authorizers))
    return fail('INVALID_PROPERTY', 'must be a mapping', `${path}.Authorizers`);
  for (const [name, authorizer] of Object.entries(authorizers)) {
    const where = `${path}.Authorizers.${name}`;
    if (!/^[A-Za-z0-9]+$/.test(name))
      fail('INVALID_PROPERTY', 'authorizer names must be alphanumeric', where);
    if (!isTemplateObject(authorizer)) return fail('INVALID_PROPERTY', 'must be a mapping', where);
    if (authorizer.UserPoolArn !== undefined)
      fail('UNSUPPORTED_PROPERTY', 'Cognito authorizers are not supported', `${where}.UserPoolArn`);
    securityDefinitions[name] = lambdaAuthorizer(authorizer, where, fail);
    if (authorizer.DisableFunctionDefaultPermissions !== true) {
      permissions.set(`${apiId}${name}AuthorizerPermission`, {
        Type: 'AWS::Lambda::Permission',
        Properties: {
          Action: 'lambda:InvokeFunction',
          FunctionName: authorizer.FunctionArn ?? null,
          Principal: 'apigateway.amazonaws.com',
          SourceArn: {
            'Fn::Sub': [
              'arn:aws:execute-api:${AWS::Region}:${AWS::AccountId}:${__ApiId__}/authorizers/*',
              { __ApiId__: { Ref: apiId } },
            ],
          },
        },
      });
    }
  }
  const names = new Set(Object.keys(securityDefinitions));
  const defaultAuthorizer = value.DefaultAuthorizer;
  if (defaultAuthorizer !== undefined) {
    if (
      typeof defaultAuthorizer !== 'string' ||
      (defaultAuthorizer !== 'AWS_IAM' && !names.has(defaultAuthorizer))
    )
      fail(
        'INVALID_PROPERTY',
        `Unable to set DefaultAuthorizer because '${String(defaultAuthorizer)}' was not defined in 'Authorizers'`,
        `${path}.DefaultAuthorizer`,
      );
    if (defaultAuthorizer === 'AWS_IAM')
      fail('UNSUPPORTED_PROPERTY', 'AWS_IAM authorization is not supported', `${path}.DefaultAuthorizer`);
  }
  const preflight = value.AddDefaultAuthorizerToCorsPreflight;
  if (preflight !== undefined && typeof preflight !== 'boolean')
    fail('INVALID_PROPERTY', 'must be true or false', `${path}.AddDefaultAuthorizerToCorsPreflight`);
  return {
    securityDefinitions,
    names,
    ...(typeof defaultAuthorizer === 'string' ? { defaultAuthorizer } : {}),
    addDefaultAuthorizerToCorsPreflight: preflight !== false,
    permissions,
  };
}

function lambdaAuthorizer(authorizer: TemplateObject, where: string, fail: Fail): TemplateObject {
  for (const key of Object.keys(authorizer)) {
    if (!AUTHORIZER_PROPERTIES.has(key))
      fail('UNSUPPORTED_PROPERTY', `Lambda authorizer property ${key} is not supported`, `${where}.${key}`);
  }
  if (authorizer.FunctionArn === undefined)
    fail('INVALID_PROPERTY', 'a Lambda authorizer needs a FunctionArn', `${where}.FunctionArn`);
  const payloadType = authorizer.FunctionPayloadType ?? 'TOKEN';
  if (payloadType !== 'TOKEN' && payloadType !== 'REQUEST')
    fail('INVALID_PROPERTY', 'FunctionPayloadType must be TOKEN or REQUEST', `${where}.FunctionPayloadType`);
  const identity = authorizer.Identity ?? {};
  if (!isTemplateObject(identity)) return fail('INVALID_PROPERTY', 'must be a mapping', `${where}.Identity`);
  const allowed = payloadType === 'TOKEN' ? TOKEN_IDENTITY : REQUEST_IDENTITY;
  for (const key of Object.keys(identity)) {
    if (!allowed.has(key))
      fail(
        'UNSUPPORTED_PROPERTY',
        `${payloadType} authorizer Identity has no property ${key}`,
        `${where}.Identity.${key}`,
      );
  }
  const extension: TemplateObject = {
    type: payloadType === 'TOKEN' ? 'token' : 'request',
    authorizerUri: {
      'Fn::Sub': [
        'arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${__FunctionArn__}/invocations',
        { __FunctionArn__: authorizer.FunctionArn ?? null },
      ],
    },
  };
  if (authorizer.FunctionInvokeRole !== undefined)
    extension.authorizerCredentials = authorizer.FunctionInvokeRole;
  if (identity.ReauthorizeEvery !== undefined)
    extension.authorizerResultTtlInSeconds = identity.ReauthorizeEvery;
  if (payloadType === 'TOKEN') {
    if (identity.ValidationExpression !== undefined)
      extension.identityValidationExpression = identity.ValidationExpression;
    return {
      type: 'apiKey',
      name: identity.Header ?? 'Authorization',
      in: 'header',
      'x-amazon-apigateway-authtype': 'custom',
      'x-amazon-apigateway-authorizer': extension,
    };
  }
  const sources = [
    ...list(identity.Headers, `${where}.Identity.Headers`, fail).map(
      (name) => `method.request.header.${name}`,
    ),
    ...list(identity.QueryStrings, `${where}.Identity.QueryStrings`, fail).map(
      (name) => `method.request.querystring.${name}`,
    ),
    ...list(identity.StageVariables, `${where}.Identity.StageVariables`, fail).map(
      (name) => `stageVariables.${name}`,
    ),
    ...list(identity.Context, `${where}.Identity.Context`, fail).map((name) => `context.${name}`),
  ];
  if (sources.length > 0) extension.identitySource = sources.join(', ');
  return {
    type: 'apiKey',
    name: 'Unused',
    in: 'header',
    'x-amazon-apigateway-authtype': 'custom',
    'x-amazon-apigateway-authorizer': extension,
  };
}

function list(value: TemplateValue | undefined, path: string, fail: Fail): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string'))
    return fail('INVALID_PROPERTY', 'must be a list of names', path);
  return value as string[];
}
