import type { RestApi, RestApiRegistry } from './rest-api-registry.js';
import { servedStage } from './rest-api-registry.js';

/** An API and the base path the gateway serves it under. */
export interface BasePathEntry {
  readonly basePath: string;
  readonly api: RestApi;
}

/**
 * The base path of each served API of an environment, like a custom domain's base path
 * mappings: `/<service>` when the stack has one API, `/<service>/<ApiLogicalId>` when it has
 * several. Other environments than the default one are prefixed with `/<env>`.
 */
export function basePaths(registry: RestApiRegistry, prefix: string): BasePathEntry[] {
  const served = registry.list().filter((api) => servedStage(api) !== undefined);
  const perStack = new Map<string, number>();
  for (const api of served) perStack.set(api.stackName, (perStack.get(api.stackName) ?? 0) + 1);
  return served.map((api) => ({
    api,
    basePath:
      (perStack.get(api.stackName) ?? 0) > 1
        ? `${prefix}/${api.service}/${api.logicalId}`
        : `${prefix}/${api.service}`,
  }));
}
