import { describe, expect, it } from 'vitest';
import type { ApiMethod } from '../src/apigateway/api-definition.js';
import { evaluatePolicy, parsePolicy } from '../src/apigateway/policy.js';
import { MalformedProxyResponseError, mapProxyResponse } from '../src/apigateway/proxy-response.js';
import { RouteTable } from '../src/apigateway/route-table.js';

const method = (resourcePath: string, httpMethod: string): ApiMethod => ({
  resourcePath,
  httpMethod,
  resourceId: 'abc123',
  integration: { kind: 'proxy', functionArn: 'arn', timeoutMs: 29_000 },
});

describe('API Gateway routing, policies and proxy responses', () => {
  const table = new RouteTable([
    method('/items', 'GET'),
    method('/items/{id}', 'GET'),
    method('/items/special', 'GET'),
    method('/items/{id}', 'ANY'),
    method('/{proxy+}', 'ANY'),
    method('/', 'GET'),
  ]);

  it.each([
    ['GET', '/items/special', '/items/special', null],
    ['GET', '/items/7', '/items/{id}', { id: '7' }],
    ['PATCH', '/items/7', '/items/{id}', { id: '7' }],
    ['GET', '/a/b/c', '/{proxy+}', { proxy: 'a/b/c' }],
    ['GET', '/', '/', null],
    ['POST', '/items', '/{proxy+}', { proxy: 'items' }],
  ])('routes %s %s to %s, literal over parameter over greedy', (verb, path, resource, params) => {
    // Act
    const match = table.match(verb, path);

    // Assess
    expect(match?.method.resourcePath).toBe(resource);
    expect(match?.pathParameters).toEqual(params);
  });

  it('finds no method for a path no resource covers', () => {
    // Act
    const match = new RouteTable([method('/items', 'GET')]).match('GET', '/other');

    // Assess
    expect(match).toBeUndefined();
  });

  it.each([
    [
      'arn:aws:execute-api:eu-west-1:1:api/live/GET/items/*',
      'arn:aws:execute-api:eu-west-1:1:api/live/GET/items/7',
      'allow',
    ],
    [
      'arn:aws:execute-api:eu-west-1:1:api/live/GET/items/?',
      'arn:aws:execute-api:eu-west-1:1:api/live/GET/items/77',
      'deny',
    ],
    [
      'arn:aws:execute-api:eu-west-1:1:api/*/POST/*',
      'arn:aws:execute-api:eu-west-1:1:api/live/GET/items',
      'deny',
    ],
  ])('evaluates Allow %s for %s as %s', (resource, arn, decision) => {
    // Prepare
    const policy = parsePolicy({
      Statement: [{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: resource }],
    });

    // Act / Assess
    expect(evaluatePolicy(policy, arn)).toBe(decision);
  });

  it('lets an explicit Deny win over an Allow', () => {
    // Prepare
    const policy = parsePolicy({
      Statement: [
        { Effect: 'Allow', Action: '*', Resource: '*' },
        { Effect: 'Deny', Action: ['execute-api:*'], Resource: ['arn:*/DELETE/*'] },
      ],
    });

    // Act / Assess
    expect(evaluatePolicy(policy, 'arn:aws:execute-api:r:1:api/live/DELETE/items/1')).toBe('explicitDeny');
    expect(evaluatePolicy(policy, 'arn:aws:execute-api:r:1:api/live/GET/items/1')).toBe('allow');
  });

  it('merges headers and multiValueHeaders, the latter winning, and defaults the content type', () => {
    // Act
    const response = mapProxyResponse(
      Buffer.from(
        JSON.stringify({
          statusCode: '201',
          headers: { 'X-A': 'h', 'X-B': 1 },
          multiValueHeaders: { 'X-A': ['m1', 'm2'] },
        }),
      ),
      [],
      undefined,
    );

    // Assess
    expect(response.status).toBe(201);
    expect(response.headers).toEqual({ 'X-A': ['m1', 'm2'], 'X-B': '1', 'Content-Type': 'application/json' });
    expect(response.body.length).toBe(0);
  });

  it.each([
    ['not JSON', 'oops'],
    ['no statusCode', '{"body":"x"}'],
    ['an object body', '{"statusCode":200,"body":{}}'],
    ['an unexpected field', '{"statusCode":200,"cookies":[]}'],
  ])('refuses a proxy response with %s', (_case, payload) => {
    // Act / Assess
    expect(() => mapProxyResponse(Buffer.from(payload), [], undefined)).toThrow(MalformedProxyResponseError);
  });
});
