import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiGatewayService,
  type GatewayRequestLog,
  GatewayServer,
  stackApis,
} from '../src/apigateway/index.js';
import { createTestProject, type TestProject } from './support/test-project.js';

const FIXTURES = fileURLToPath(new URL('./fixtures/apigateway/', import.meta.url));

/** `project.config` with this suite's fixture directory (the helper takes it; its interface does not say so yet). */
function configure(
  project: TestProject,
  services: Parameters<TestProject['config']>[0],
): ReturnType<TestProject['config']> {
  const config = project.config.bind(project) as (
    chosen: Parameters<TestProject['config']>[0],
    fixtures: string,
  ) => ReturnType<TestProject['config']>;
  return config(services, FIXTURES);
}
const ACCOUNT = '123456789012';

interface ProxyEvent {
  resource: string;
  path: string;
  httpMethod: string;
  headers: Record<string, string> | null;
  multiValueHeaders: Record<string, string[]> | null;
  queryStringParameters: Record<string, string> | null;
  multiValueQueryStringParameters: Record<string, string[]> | null;
  pathParameters: Record<string, string> | null;
  stageVariables: Record<string, string> | null;
  requestContext: Record<string, unknown> & {
    authorizer?: Record<string, unknown>;
    identity: Record<string, unknown>;
  };
  body: string | null;
  isBase64Encoded: boolean;
}

describe('API Gateway: REST APIs with Lambda proxy integrations and a cross-stack authorizer', () => {
  let project: TestProject;
  let gateway: GatewayServer;
  let base: string;
  const requests: GatewayRequestLog[] = [];
  const authorizerStarts = (): number =>
    project.logs.filter(
      (entry) => entry.functionName.includes('-Authorizer-') && entry.line.startsWith('START'),
    ).length;

  beforeAll(async () => {
    project = await createTestProject('test', ACCOUNT, { services: [apiGatewayService] });
    const config = await configure(project, {
      items: { template: 'items/template.yaml' },
      provider: { template: 'identity/template.yaml' },
    });
    await project.cloud.deployProject(config, 'test');
    gateway = new GatewayServer({
      environments: project.cloud.environments,
      onRequest: (entry) => requests.push(entry),
    });
    await gateway.listen(0);
    base = `${gateway.url}/items`;
  }, 30_000);

  afterAll(async () => {
    await gateway?.close();
    await project?.dispose();
  });

  it('sends the function the v1 proxy event with the authorizer context of the imported TOKEN authorizer', async () => {
    // Act
    const response = await fetch(`${base}/items/42?tag=a&tag=b`, {
      headers: { Authorization: 'Bearer good' },
    });

    // Assess
    expect(response.status).toBe(200);
    expect(response.headers.get('set-cookie')).toBe('a=1, b=2');
    expect(response.headers.get('x-single')).toBe('one');
    expect(response.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    const event = (await response.json()) as ProxyEvent;
    const apiId = String(event.requestContext.apiId);
    expect(apiId).toMatch(/^[a-z0-9]{10}$/);
    expect(event).toMatchObject({
      resource: '/items/{id}',
      path: '/items/42',
      httpMethod: 'GET',
      queryStringParameters: { tag: 'b' },
      multiValueQueryStringParameters: { tag: ['a', 'b'] },
      pathParameters: { id: '42' },
      stageVariables: { color: 'blue' },
      body: null,
      isBase64Encoded: false,
      requestContext: {
        accountId: ACCOUNT,
        resourcePath: '/items/{id}',
        httpMethod: 'GET',
        path: '/live/items/42',
        stage: 'live',
        protocol: 'HTTP/1.1',
        requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        requestTime: expect.stringMatching(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/),
        requestTimeEpoch: expect.any(Number),
        identity: { sourceIp: '127.0.0.1', userAgent: expect.any(String) },
        authorizer: { principalId: 'user-1', tenant: 'acme', level: '3', admin: 'true' },
      },
    });
    expect(event.headers?.Authorization).toBe('Bearer good');
    expect(JSON.parse(String(event.requestContext.authorizer?.event))).toEqual({
      type: 'TOKEN',
      authorizationToken: 'Bearer good',
      methodArn: `arn:aws:execute-api:eu-west-1:${ACCOUNT}:${apiId}/live/GET/items/42`,
    });
  });

  it('answers 401 without invoking the authorizer when the token is missing or fails the validation expression', async () => {
    // Prepare
    const before = authorizerStarts();

    // Act
    const missing = await fetch(`${base}/items/1`);
    const malformed = await fetch(`${base}/items/1`, { headers: { Authorization: 'Basic abc' } });

    // Assess
    expect([missing.status, malformed.status]).toEqual([401, 401]);
    expect(await missing.json()).toEqual({ message: 'Unauthorized' });
    expect(missing.headers.get('x-amzn-errortype')).toBe('UnauthorizedException');
    expect(authorizerStarts()).toBe(before);
  });

  it.each([
    ['throws Unauthorized', 'Bearer unauthorized', 401, { message: 'Unauthorized' }],
    [
      'denies explicitly',
      'Bearer deny',
      403,
      { message: 'User is not authorized to access this resource with an explicit deny' },
    ],
    ['returns no policy', 'Bearer broken', 500, { message: null }],
  ])('answers as API Gateway when the authorizer %s', async (_case, token, status, body) => {
    // Act
    const response = await fetch(`${base}/items/1`, { headers: { Authorization: token } });

    // Assess
    expect(response.status).toBe(status);
    expect(await response.json()).toEqual(body);
  });

  it('evaluates a cached policy against each request’s own method ARN', async () => {
    // Act
    const first = await fetch(`${base}/items/1`, { headers: { Authorization: 'Bearer reader' } });
    const starts = authorizerStarts();
    const post = await fetch(`${base}/items`, {
      method: 'POST',
      headers: { Authorization: 'Bearer reader' },
      body: '{}',
    });
    const second = await fetch(`${base}/items/2`, { headers: { Authorization: 'Bearer reader' } });

    // Assess
    expect(first.status).toBe(200);
    expect(post.status).toBe(403);
    expect(await post.json()).toEqual({ message: 'User is not authorized to access this resource' });
    expect(second.status).toBe(200);
    const [a, b] = [(await first.json()) as ProxyEvent, (await second.json()) as ProxyEvent];
    expect(b.requestContext.authorizer?.calls).toBe(a.requestContext.authorizer?.calls);
    expect(authorizerStarts()).toBe(starts);
  });

  it('gives a REQUEST authorizer the request and refuses a request missing an identity source', async () => {
    // Act
    const allowed = await fetch(`${base}/tenant?key=k1`, { headers: { 'X-Tenant': 'acme' } });
    const missing = await fetch(`${base}/tenant`, { headers: { 'X-Tenant': 'acme' } });

    // Assess
    expect(allowed.status).toBe(200);
    const event = (await allowed.json()) as ProxyEvent;
    expect(event.requestContext.authorizer).toMatchObject({
      principalId: 'acme',
      type: 'REQUEST',
      resource: '/tenant',
      key: 'k1',
    });
    expect(missing.status).toBe(401);
  });

  it('answers an unknown route or method with 403 Missing Authentication Token', async () => {
    // Act
    const route = await fetch(`${base}/nothing/here`);
    const method = await fetch(`${base}/items/1`, { method: 'DELETE' });
    const api = await fetch(`${gateway.url}/no-such-service/items`);

    // Assess
    expect([route.status, method.status]).toEqual([403, 403]);
    expect(await route.json()).toEqual({ message: 'Missing Authentication Token' });
    expect(route.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
    expect(api.status).toBe(403);
  });

  it('serves a method with Authorizer NONE and the CORS preflight without the authorizer', async () => {
    // Act
    const health = await fetch(`${base}/health`);
    const preflight = await fetch(`${base}/items`, { method: 'OPTIONS' });

    // Assess
    expect(health.status).toBe(200);
    expect(((await health.json()) as ProxyEvent).requestContext.authorizer).toBeUndefined();
    expect(preflight.status).toBe(200);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-methods')).toBe('OPTIONS,POST');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('Content-Type,Authorization');
  });

  it.each([
    ['a malformed proxy response', '/broken', 502, { message: 'Internal server error' }],
    ['a function error', '/crash', 502, { message: 'Internal server error' }],
    [
      'a function slower than the integration timeout',
      '/slow',
      504,
      { message: 'Endpoint request timed out' },
    ],
  ])('answers %s as API Gateway does', async (_case, path, status, body) => {
    // Act
    const response = await fetch(`${base}${path}`);

    // Assess
    expect(response.status).toBe(status);
    expect(await response.json()).toEqual(body);
  });

  it('base64-encodes a binary media type request body and decodes a base64 binary response', async () => {
    // Act
    const upload = await fetch(`${base}/files/a/b.png`, {
      method: 'PUT',
      headers: { Authorization: 'Bearer good', 'Content-Type': 'image/png' },
      body: Buffer.from([1, 2, 3, 255]),
    });
    const download = await fetch(`${base}/files/a/b.png`, {
      headers: { Authorization: 'Bearer good', Accept: 'image/png' },
    });

    // Assess
    expect(await upload.json()).toEqual({ length: 4, isBase64Encoded: true });
    expect(Buffer.from(await download.arrayBuffer())).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  });

  it('refuses a request body over 10 MB with 413', async () => {
    // Act
    const response = await fetch(`${base}/items`, {
      method: 'POST',
      headers: { Authorization: 'Bearer good' },
      body: Buffer.alloc(10 * 1024 * 1024 + 1),
    });

    // Assess
    expect(response.status).toBe(413);
  });

  it('reports each request as one log entry and lists the stack’s API with its URL', async () => {
    // Act
    await fetch(`${base}/health`);
    const stack = project.cloud.environment('test').stacks.get('test-items');

    // Assess
    expect(requests.at(-1)).toMatchObject({
      method: 'GET',
      path: '/items/health',
      status: 200,
      api: 'test-items/Api',
    });
    expect(stack && stackApis(stack, gateway.environmentUrl('test'))).toEqual([
      { logicalId: 'Api', url: base },
    ]);
  });

  it('refuses a definition with an HTTP integration, naming template, resource and property', async () => {
    // Prepare
    const config = await configure(project, { broken: { template: 'broken/template.yaml' } });

    // Act
    const deploying = project.cloud.deployProject(config, 'test');

    // Assess
    await expect(deploying).rejects.toThrow(
      /broken\/template\.yaml: resource Api, property Body\.paths\.\/proxy\.get\.x-amazon-apigateway-integration\.type: http integration is not emulated/,
    );
  });
});
