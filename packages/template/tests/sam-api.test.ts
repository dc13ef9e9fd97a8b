// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub strings contain ${} on purpose.
import { describe, expect, it } from 'vitest';
import type { TemplateObject } from '../src/index.js';
import { transform, transformError } from './helpers/sam.js';

const FUNCTION = `
  Items:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: .
      Handler: h
      Runtime: nodejs22.x
      Events:`;

const body = (result: ReturnType<typeof transform>, id: string): TemplateObject =>
  result.Resources[id]?.Properties?.Body as TemplateObject;

describe('applySamTransform Api events and AWS::Serverless::Api', () => {
  it('creates the implicit ServerlessRestApi with an aws_proxy integration, a Prod stage and a permission', () => {
    // Act
    const result = transform(`
Resources:${FUNCTION}
        Get:
          Type: Api
          Properties: { Path: '/items/{id}', Method: get }
        Any:
          Type: Api
          Properties: { Path: '/{proxy+}', Method: ANY }
`);

    // Assess
    const api = body(result, 'ServerlessRestApi');
    expect(api.swagger).toBe('2.0');
    expect(api.paths).toEqual({
      '/items/{id}': {
        get: {
          'x-amazon-apigateway-integration': {
            type: 'aws_proxy',
            httpMethod: 'POST',
            uri: {
              'Fn::Sub':
                'arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Items.Arn}/invocations',
            },
          },
          responses: {},
        },
      },
      '/{proxy+}': { 'x-amazon-apigateway-any-method': expect.any(Object) },
    });
    const deploymentId = Object.keys(result.Resources).find((id) =>
      id.startsWith('ServerlessRestApiDeployment'),
    );
    expect(deploymentId).toMatch(/^ServerlessRestApiDeployment[0-9a-f]{10}$/);
    expect(result.Resources.ServerlessRestApiProdStage).toEqual({
      Type: 'AWS::ApiGateway::Stage',
      Properties: {
        DeploymentId: { Ref: deploymentId },
        RestApiId: { Ref: 'ServerlessRestApi' },
        StageName: 'Prod',
      },
    });
    expect(result.Resources.ItemsGetPermissionProd?.Properties?.SourceArn).toEqual({
      'Fn::Sub': [
        'arn:aws:execute-api:${AWS::Region}:${AWS::AccountId}:${__ApiId__}/${__Stage__}/GET/items/*',
        { __ApiId__: { Ref: 'ServerlessRestApi' }, __Stage__: '*' },
      ],
    });
    expect(result.Resources.ItemsAnyPermissionProd?.Properties?.SourceArn).toMatchObject({
      'Fn::Sub': [expect.stringMatching(/\/\*\/\*$/), expect.any(Object)],
    });
  });

  it('turns an imported TOKEN authorizer into a security definition and applies it by default', () => {
    // Act
    const result = transform(`
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: live
      BinaryMediaTypes: ['image~1png']
      Auth:
        DefaultAuthorizer: Token
        Authorizers:
          Token:
            FunctionArn: !ImportValue local-users-AuthorizerArn
            Identity: { Header: X-Token, ValidationExpression: '^Bearer .+$', ReauthorizeEvery: 60 }
${FUNCTION}
        Get:
          Type: Api
          Properties: { Path: /items, Method: get, RestApiId: !Ref Api }
        Open:
          Type: Api
          Properties: { Path: /health, Method: get, RestApiId: !Ref Api, Auth: { Authorizer: NONE } }
`);

    // Assess
    const api = body(result, 'Api');
    expect(api.securityDefinitions).toEqual({
      Token: {
        type: 'apiKey',
        name: 'X-Token',
        in: 'header',
        'x-amazon-apigateway-authtype': 'custom',
        'x-amazon-apigateway-authorizer': {
          type: 'token',
          authorizerUri: {
            'Fn::Sub': [
              'arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${__FunctionArn__}/invocations',
              { __FunctionArn__: { 'Fn::ImportValue': 'local-users-AuthorizerArn' } },
            ],
          },
          identityValidationExpression: '^Bearer .+$',
          authorizerResultTtlInSeconds: 60,
        },
      },
    });
    const paths = api.paths as Record<string, Record<string, TemplateObject>>;
    expect(paths['/items']?.get?.security).toEqual([{ Token: [] }]);
    expect(paths['/health']?.get?.security).toEqual([{ NONE: [] }]);
    expect(api['x-amazon-apigateway-binary-media-types']).toEqual(['image/png']);
    expect(result.Resources.ApiliveStage?.Type).toBe('AWS::ApiGateway::Stage');
    expect(result.Resources.ApiTokenAuthorizerPermission?.Properties?.FunctionName).toEqual({
      'Fn::ImportValue': 'local-users-AuthorizerArn',
    });
  });

  it('writes a REQUEST authorizer identity source from headers and query strings', () => {
    // Act
    const result = transform(`
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: Prod
      Auth:
        Authorizers:
          Req:
            FunctionPayloadType: REQUEST
            FunctionArn: arn:aws:lambda:eu-west-1:1:function:auth
            Identity: { Headers: [X-Tenant], QueryStrings: [key], ReauthorizeEvery: 0 }
${FUNCTION}
        Get:
          Type: Api
          Properties: { Path: /items, Method: post, RestApiId: !Ref Api, Auth: { Authorizer: Req } }
`);

    // Assess
    const definitions = body(result, 'Api').securityDefinitions as Record<string, TemplateObject>;
    expect(definitions.Req?.['x-amazon-apigateway-authorizer']).toMatchObject({
      type: 'request',
      identitySource: 'method.request.header.X-Tenant, method.request.querystring.key',
      authorizerResultTtlInSeconds: 0,
    });
  });

  it('adds CORS preflights with the path methods, unauthorized when AddDefaultAuthorizerToCorsPreflight is false', () => {
    // Act
    const result = transform(`
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: Prod
      Cors: { AllowOrigin: "'*'", AllowHeaders: "'Content-Type'", MaxAge: "'600'" }
      Auth:
        DefaultAuthorizer: T
        AddDefaultAuthorizerToCorsPreflight: false
        Authorizers: { T: { FunctionArn: arn:aws:lambda:eu-west-1:1:function:auth } }
${FUNCTION}
        Get:
          Type: Api
          Properties: { Path: /items, Method: get, RestApiId: !Ref Api }
        Post:
          Type: Api
          Properties: { Path: /items, Method: post, RestApiId: !Ref Api }
`);

    // Assess
    const options = (body(result, 'Api').paths as Record<string, Record<string, TemplateObject>>)['/items']
      ?.options;
    expect(options?.security).toBeUndefined();
    expect(options?.['x-amazon-apigateway-integration']).toMatchObject({
      type: 'mock',
      responses: {
        default: {
          statusCode: '200',
          responseParameters: {
            'method.response.header.Access-Control-Allow-Origin': "'*'",
            'method.response.header.Access-Control-Allow-Headers': "'Content-Type'",
            'method.response.header.Access-Control-Allow-Methods': "'GET,OPTIONS,POST'",
            'method.response.header.Access-Control-Max-Age': "'600'",
          },
        },
      },
    });
  });

  it('keeps a hand-written DefinitionBody and adds the events to it', () => {
    // Act
    const result = transform(`
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: Prod
      DefinitionBody:
        openapi: 3.0.1
        info: { title: hand, version: '1' }
        paths:
          /ping:
            get:
              x-amazon-apigateway-integration: { type: aws_proxy, httpMethod: POST, uri: arn:x }
${FUNCTION}
        Get:
          Type: Api
          Properties: { Path: /items, Method: get, RestApiId: !Ref Api }
`);

    // Assess
    expect(Object.keys(body(result, 'Api').paths as TemplateObject)).toEqual(['/ping', '/items']);
    expect(body(result, 'Api').openapi).toBe('3.0.1');
  });

  it.each([
    [
      'NONE without a DefaultAuthorizer',
      `Properties: { Path: /a, Method: get, Auth: { Authorizer: NONE } }`,
      "resource Items, property Properties.Events.E.Properties.Auth.Authorizer: Unable to set Authorizer [NONE] on API method [get] for path [/a] because 'NONE' is only a valid value when a DefaultAuthorizer on the API is specified",
    ],
    [
      'an authorizer the API does not define',
      `Properties: { Path: /a, Method: get, Auth: { Authorizer: Missing } }`,
      'because the related API does not define any Authorizers',
    ],
    [
      'a request model',
      `Properties: { Path: /a, Method: get, RequestModel: { Model: M } }`,
      'property Properties.Events.E.Properties.RequestModel: Api event property RequestModel is not supported',
    ],
    [
      'a bad method',
      `Properties: { Path: /a, Method: fetch }`,
      'property Properties.Events.E.Properties.Method',
    ],
  ])('refuses %s, naming the function and property', (_case, event, message) => {
    // Act
    const error = transformError(`
Resources:${FUNCTION}
        E:
          Type: Api
          ${event}
`);

    // Assess
    expect(error.message).toContain(message);
  });

  it('refuses a RestApiId that is not a Serverless Api of the template', () => {
    // Act
    const error = transformError(`
Resources:${FUNCTION}
        E:
          Type: Api
          Properties: { Path: /a, Method: get, RestApiId: abc123 }
`);

    // Assess
    expect(error.code).toBe('INVALID_PROPERTY');
    expect(error.property).toBe('Properties.Events.E.Properties.RestApiId');
  });

  it('refuses an Api property the local cloud does not implement', () => {
    // Act
    const error = transformError(`
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties: { StageName: Prod, CacheClusterEnabled: true }
`);

    // Assess
    expect(error.message).toContain(
      'resource Api, property Properties.CacheClusterEnabled: AWS::Serverless::Api property CacheClusterEnabled is not supported',
    );
  });
});
