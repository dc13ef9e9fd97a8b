import { resolve } from 'node:path';
import { applySamTransform, isTemplateObject, loadTemplate } from '@motorcade/template';
import { REPO_ROOT } from '../../../../test/support/service-cloud.js';

/** One method of one REST API a template declares, and the authorizer guarding it (if any). */
export interface DeclaredRoute {
  readonly service: string;
  readonly method: string;
  readonly path: string;
  /** The authorizer's name in the API, or undefined when anyone may call the route. */
  readonly authorizer: string | undefined;
  /** `${service} ${METHOD} ${path}`, e.g. `users POST /login`. */
  readonly name: string;
}

const METHODS = [
  'get',
  'put',
  'post',
  'delete',
  'patch',
  'head',
  'options',
  'x-amazon-apigateway-any-method',
];

/**
 * Every route of every REST API of `services/<service>/template.yaml`, read from the API
 * definition the SAM transform produces — the same definition the gateway serves, so a route
 * added any way (an Api event, a DefinitionBody) is found. CORS preflights (mock OPTIONS) are left
 * out: they never reach a function.
 * @example
 * const routes = await declaredRoutes('users');
 */
export async function declaredRoutes(service: string): Promise<DeclaredRoute[]> {
  const file = resolve(REPO_ROOT, `services/${service}/template.yaml`);
  const template = applySamTransform(await loadTemplate(file), file);
  const routes: DeclaredRoute[] = [];
  for (const resource of Object.values(template.Resources)) {
    if (resource.Type !== 'AWS::ApiGateway::RestApi') continue;
    const body = resource.Properties?.Body;
    const paths = isTemplateObject(body) && isTemplateObject(body.paths) ? body.paths : {};
    for (const [path, methods] of Object.entries(paths)) {
      if (!isTemplateObject(methods)) continue;
      for (const [key, method] of Object.entries(methods)) {
        if (!METHODS.includes(key) || !isTemplateObject(method)) continue;
        const integration = method['x-amazon-apigateway-integration'];
        if (isTemplateObject(integration) && integration.type === 'mock') continue;
        const verb = key === 'x-amazon-apigateway-any-method' ? 'ANY' : key.toUpperCase();
        routes.push({
          service,
          method: verb,
          path,
          authorizer: authorizerOf(method.security),
          name: `${service} ${verb} ${path}`,
        });
      }
    }
  }
  return routes;
}

function authorizerOf(security: unknown): string | undefined {
  if (!Array.isArray(security)) return undefined;
  const names = security.flatMap((requirement) =>
    isTemplateObject(requirement) ? Object.keys(requirement) : [],
  );
  return names.find((name) => name !== 'NONE');
}
