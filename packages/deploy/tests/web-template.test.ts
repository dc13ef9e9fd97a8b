import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import { loadProjectConfig, type ProjectConfig } from '@motorcade/cloud';
import { loadTemplate, type TemplateDocument } from '@motorcade/template';
import { beforeAll, describe, expect, it } from 'vitest';
import { prepareStacks, repositoryTemplates, validateTemplate } from '../src/index.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const ALL_VIEWER_EXCEPT_HOST_HEADER = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';
const ALL_METHODS = ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'];

interface Behaviour {
  readonly PathPattern: string;
  readonly TargetOriginId: string;
  readonly AllowedMethods: string[];
  readonly CachePolicyId: string;
  readonly OriginRequestPolicyId: string;
  readonly FunctionAssociations: Array<{ EventType: string; FunctionARN: unknown }>;
}

interface Origin {
  readonly Id: string;
  readonly OriginPath?: string;
  readonly DomainName: unknown;
}

/** A service's API as its template declares it: the logical id, REST or WebSocket, its stage. */
interface ServiceApi {
  readonly service: string;
  readonly logicalId: string;
  readonly webSocket: boolean;
  readonly stage: string;
}

function serviceApi(service: string, doc: TemplateDocument): ServiceApi | undefined {
  for (const [logicalId, resource] of Object.entries(doc.Resources)) {
    if (resource.Type === 'AWS::Serverless::Api') {
      return { service, logicalId, webSocket: false, stage: String(resource.Properties?.StageName) };
    }
    if (resource.Type === 'AWS::ApiGatewayV2::Api') {
      const stage = Object.values(doc.Resources).find(
        (other) =>
          other.Type === 'AWS::ApiGatewayV2::Stage' &&
          JSON.stringify(other.Properties?.ApiId) === JSON.stringify({ Ref: logicalId }),
      );
      return { service, logicalId, webSocket: true, stage: String(stage?.Properties?.StageName) };
    }
  }
  return undefined;
}

/** `event-bus` → `EventBusStackName`: the parameter a stack that depends on a service takes. */
function stackNameParameter(service: string): string {
  return `${service.replace(/(^|-)([a-z])/g, (_, __, letter: string) => letter.toUpperCase())}StackName`;
}

/** A CloudFront Function of the template, run as CloudFront runs it: `handler(event)`. */
type ViewerRequest = (event: { request: { method: string; uri: string; querystring: object } }) => {
  uri?: string;
  statusCode?: number;
};

function cloudFrontFunction(doc: TemplateDocument, logicalId: string): ViewerRequest {
  const code = String(doc.Resources[logicalId]?.Properties?.FunctionCode);
  return runInNewContext(`${code}\nhandler;`, {}) as ViewerRequest;
}

function viewerRequest(uri: string) {
  return { version: '1.0', request: { method: 'GET', uri, querystring: {}, headers: {}, cookies: {} } };
}

describe('web/template.yaml against the services it fronts', () => {
  let config: ProjectConfig;
  let web: TemplateDocument;
  let apis: ServiceApi[];
  let origins: Origin[];
  let behaviours: Behaviour[];

  beforeAll(async () => {
    config = await loadProjectConfig(join(ROOT, 'motorcade.config.json'));
    if (config.web === undefined) throw new Error('motorcade.config.json has no web section');
    web = await loadTemplate(config.web.templateFile);
    apis = [];
    for (const service of config.services) {
      const api = serviceApi(service.name, await loadTemplate(service.templateFile));
      if (api !== undefined) apis.push(api);
    }
    const distribution = web.Resources.Distribution?.Properties?.DistributionConfig as unknown as {
      Origins: Origin[];
      CacheBehaviors: Behaviour[];
    };
    origins = distribution.Origins;
    behaviours = distribution.CacheBehaviors;
  });

  it('is one of the repository templates `motorcade validate` checks, and passes the CloudFormation specification', async () => {
    // Act
    const templates = await repositoryTemplates(ROOT);
    const findings = await validateTemplate(join(ROOT, 'web/template.yaml'));

    // Assess
    expect(templates).toContain(join(ROOT, 'web/template.yaml'));
    expect(findings).toEqual([]);
  });

  it('fronts every service of the config that has an API', () => {
    expect(apis.map((api) => api.service).sort()).toEqual(
      [
        'allocation',
        'clients',
        'devices',
        'event-bus',
        'items',
        'realtime',
        'tracking',
        'users',
        'vehicles',
      ].sort(),
    );
    expect(origins.map((origin) => origin.Id).sort()).toEqual(
      ['site', ...apis.map((api) => api.service)].sort(),
    );
  });

  it("points each origin at the API its service stack exports, under the API's own stage", async () => {
    for (const api of apis) {
      const service = config.services.find((entry) => entry.name === api.service);
      const doc = await loadTemplate(String(service?.templateFile));
      expect(doc.Outputs?.ApiId, api.service).toEqual(
        expect.objectContaining({
          Value: { Ref: api.logicalId },
          Export: { Name: { 'Fn::Sub': '${AWS::StackName}-ApiId' } },
        }),
      );
      const origin = origins.find((entry) => entry.Id === api.service);
      expect(origin?.OriginPath, api.service).toBe(`/${api.stage}`);
      expect(origin?.DomainName, api.service).toEqual({
        'Fn::Sub': [
          '${ApiId}.execute-api.${AWS::Region}.amazonaws.com',
          { ApiId: { 'Fn::ImportValue': { 'Fn::Sub': `\${${stackNameParameter(api.service)}}-ApiId` } } },
        ],
      });
    }
  });

  it('routes /<service> and /<service>/* of each REST API, and /realtime of the WebSocket API, uncached with every header but Host', () => {
    const expected = apis.flatMap((api) =>
      api.webSocket
        ? [[`/${api.service}`, api.service]]
        : [
            [`/${api.service}`, api.service],
            [`/${api.service}/*`, api.service],
          ],
    );
    expect(behaviours.map((behaviour) => [behaviour.PathPattern, behaviour.TargetOriginId]).sort()).toEqual(
      expected.sort(),
    );
    for (const behaviour of behaviours) {
      expect(behaviour, behaviour.PathPattern).toMatchObject({
        AllowedMethods: ALL_METHODS,
        CachePolicyId: CACHING_DISABLED,
        OriginRequestPolicyId: ALL_VIEWER_EXCEPT_HOST_HEADER,
        FunctionAssociations: [
          { EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': ['ApiPrefix', 'FunctionARN'] } },
        ],
      });
    }
  });

  it('deploys after every service it imports from, taking each stack name from the config', async () => {
    // Act
    const stacks = await prepareStacks(
      config,
      { env: 'staging', account: '111111111111', region: 'eu-west-1' },
      {},
    );

    // Assess
    const names = stacks.map((stack) => stack.stackName);
    const site = stacks.find((stack) => stack.service === 'web');
    expect([...(site?.imports ?? [])].sort()).toEqual(
      apis.map((api) => `staging-${api.service}-ApiId`).sort(),
    );
    for (const api of apis) {
      expect(names.indexOf(`staging-${api.service}`)).toBeLessThan(names.indexOf('staging-web'));
    }
    expect(site?.parameters.values).toEqual(
      Object.fromEntries(apis.map((api) => [stackNameParameter(api.service), `staging-${api.service}`])),
    );
    expect(site?.parameters.missing).toEqual([]);
    expect(names.at(-1)).toBe('staging-monitoring');
  });

  it.each([
    ['/items/driver', '/driver'],
    ['/items/org/4f1c', '/org/4f1c'],
    ['/vehicles', '/'],
    ['/vehicles/', '/'],
    ['/event-bus/events', '/events'],
    ['/realtime', '/'],
  ])('strips the service prefix of API requests: %s reaches the stage as %s', (uri, expected) => {
    // Act
    const result = cloudFrontFunction(web, 'ApiPrefix')(viewerRequest(uri));

    // Assess
    expect(result.uri).toBe(expected);
  });

  it.each([
    ['/', '/index.html'],
    ['/fleet', '/index.html'],
    ['/some/route', '/index.html'],
    ['/index.html', '/index.html'],
    ['/assets/index-1RaH0qxd.js', '/assets/index-1RaH0qxd.js'],
    ['/favicon.svg', '/favicon.svg'],
  ])('serves index.html for the paths of the app itself only: %s reads %s', (uri, expected) => {
    // Act
    const result = cloudFrontFunction(web, 'SiteRoutes')(viewerRequest(uri));

    // Assess
    expect(result).toMatchObject({ uri: expected });
  });

  it('answers 404 for the local cloud’s /_motorcade routes instead of the app', () => {
    // Act
    const result = cloudFrontFunction(web, 'SiteRoutes')(viewerRequest('/_motorcade/metrics'));

    // Assess
    expect(result).toEqual({ statusCode: 404, statusDescription: 'Not Found' });
  });
});
