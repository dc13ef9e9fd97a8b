import type { CloudEnvironment } from '../environment.js';
import { CloudError } from '../errors.js';
import type { StackRecord } from '../stacks/stack-record.js';
import { type EdgeRoute, jsonResponse } from './edge-route.js';
import type { EnvironmentResolver } from './environment-resolver.js';

/** One stack as `GET /_motorcade/stacks` lists it. */
export interface StackSummary {
  readonly name: string;
  readonly service: string;
  readonly status: string;
  readonly outputs: Readonly<Record<string, string>>;
  readonly exports: Readonly<Record<string, string>>;
  readonly imports: readonly string[];
  readonly functions: readonly { logicalId: string; name: string; arn: string }[];
  readonly apis: readonly { logicalId: string; url: string }[];
  readonly queues: readonly { logicalId: string; url: string; arn: string }[];
  readonly buckets: readonly { logicalId: string; name: string }[];
}

/** The URLs of a stack's APIs, from whoever serves them (the gateway). */
export type ApiLister = (env: CloudEnvironment, stack: StackRecord) => StackSummary['apis'];

/** The local cloud's own API: what is deployed, and stack deletion for the CLI. */
export function motorcadeApiRoutes(resolver: EnvironmentResolver, apis: ApiLister = () => []): EdgeRoute[] {
  const environment = (name: string | null): CloudEnvironment => {
    const env = resolver.byName(name);
    if (!env) throw new CloudError('ENVIRONMENT_NOT_FOUND', `This local cloud runs no environment '${name}'`);
    return env;
  };
  return [
    {
      method: 'GET',
      pattern: /^\/_motorcade\/health$/,
      handle: () => jsonResponse(200, { ok: true }),
    },
    {
      method: 'GET',
      pattern: /^\/_motorcade\/stacks$/,
      handle: (request) => {
        const env = environment(request.query.get('env'));
        return jsonResponse(200, {
          environment: env.settings.name,
          account: env.settings.accountId,
          region: env.settings.region,
          stacks: env.stacks.list().map((stack) => summarise(stack, apis(env, stack))),
        });
      },
    },
    metricsRoute(resolver),
    {
      method: 'DELETE',
      pattern: /^\/_motorcade\/stacks\/([^/]+)$/,
      handle: async (request, match) => {
        const env = environment(request.query.get('env'));
        const name = decodeURIComponent(match[1] as string);
        try {
          await env.stacks.delete(name);
          return jsonResponse(200, { deleted: name });
        } catch (error) {
          if (error instanceof CloudError) {
            const status = error.code === 'STACK_NOT_FOUND' ? 404 : 409;
            return jsonResponse(status, { code: error.code, message: error.message });
          }
          throw error;
        }
      },
    },
  ];
}

/**
 * `GET /_motorcade/metrics?env=&minutes=`: an environment's metric buckets (`{ environment,
 * bucketSeconds, series }`). Served by the edge and, for the web app (same origin), by the gateway.
 * @example
 * edge.use(metricsRoute(resolver));
 */
export function metricsRoute(resolver: EnvironmentResolver): EdgeRoute {
  return {
    method: 'GET',
    pattern: /^\/_motorcade\/metrics$/,
    handle: (request) => {
      const name = request.query.get('env');
      const env = resolver.byName(name);
      if (!env)
        throw new CloudError('ENVIRONMENT_NOT_FOUND', `This local cloud runs no environment '${name}'`);
      const minutes = Math.min(60, Math.max(1, Number(request.query.get('minutes') ?? 15) || 15));
      return jsonResponse(200, {
        environment: env.settings.name,
        bucketSeconds: env.metrics.bucketSeconds,
        series: env.metrics.series(Date.now() - minutes * 60_000),
      });
    },
  };
}

function summarise(stack: StackRecord, apis: StackSummary['apis']): StackSummary {
  const ofType = (type: string) =>
    Object.entries(stack.resources).filter(([, resource]) => resource.type === type);
  const functions = ofType('AWS::Lambda::Function').map(([logicalId, resource]) => ({
    logicalId,
    name: resource.physicalId,
    arn: String(resource.attributes.Arn),
  }));
  const queues = ofType('AWS::SQS::Queue').map(([logicalId, resource]) => ({
    logicalId,
    url: resource.physicalId,
    arn: String(resource.attributes.Arn),
  }));
  const buckets = ofType('AWS::S3::Bucket').map(([logicalId, resource]) => ({
    logicalId,
    name: resource.physicalId,
  }));
  return {
    name: stack.name,
    service: stack.service,
    status: stack.status,
    outputs: stack.outputs,
    exports: stack.exports,
    imports: stack.imports,
    functions,
    apis,
    queues,
    buckets,
  };
}
