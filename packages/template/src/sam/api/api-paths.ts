import { isTemplateObject } from '../../template-shape.js';
import type { TemplateObject, TemplateValue } from '../../types.js';
import type { Fail } from './api-event.js';
import type { FunctionApiEvent } from './api-events.js';
import type { ApiAuth } from './authorizers.js';

/** The key API Gateway's OpenAPI extension uses for the ANY method. */
export const ANY_METHOD_KEY = 'x-amazon-apigateway-any-method';

/**
 * Adds one Api event to the API's swagger paths, as SAM does: an `aws_proxy` integration calling
 * the function, the event's authorizer (or `NONE`) as the method's security, and its
 * RequestParameters as method parameters.
 */
export function addEventMethod(
  paths: TemplateObject,
  event: FunctionApiEvent,
  auth: ApiAuth,
  fail: Fail,
): void {
  const where = `Properties.Events.${event.eventName}.Properties`;
  const existing = paths[event.path] ?? {};
  if (!isTemplateObject(existing)) fail('INVALID_PROPERTY', `path ${event.path} is not a mapping`, where);
  const key = event.method === 'any' ? ANY_METHOD_KEY : event.method;
  if (existing[key] !== undefined) {
    fail(
      'INVALID_PROPERTY',
      `API method ${event.method.toUpperCase()} ${event.path} of ${event.apiId} is defined twice`,
      `${where}.Path`,
    );
  }
  const integration: TemplateObject = {
    type: 'aws_proxy',
    httpMethod: 'POST',
    uri: {
      'Fn::Sub': `arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${${event.functionId}.Arn}/invocations`,
    },
  };
  if (event.timeoutInMillis !== undefined) integration.timeoutInMillis = event.timeoutInMillis;
  const method: TemplateObject = { 'x-amazon-apigateway-integration': integration, responses: {} };
  const security = methodSecurity(event, auth, fail);
  if (security !== undefined) method.security = security;
  if (event.requestParameters !== undefined)
    method.parameters = requestParameters(event.requestParameters, `${where}.RequestParameters`, fail);
  existing[key] = method;
  paths[event.path] = existing;
}

function methodSecurity(event: FunctionApiEvent, auth: ApiAuth, fail: Fail): TemplateValue[] | undefined {
  const name = event.authorizer;
  if (name === undefined) return undefined;
  const where = `Properties.Events.${event.eventName}.Properties.Auth.Authorizer`;
  const method = event.method.toLowerCase();
  if (name === 'NONE') {
    if (auth.defaultAuthorizer === undefined) {
      fail(
        'INVALID_PROPERTY',
        `Unable to set Authorizer [NONE] on API method [${method}] for path [${event.path}] because 'NONE' is only a valid value when a DefaultAuthorizer on the API is specified`,
        where,
      );
    }
    return [{ NONE: [] }];
  }
  if (auth.names.size === 0) {
    fail(
      'INVALID_PROPERTY',
      `Unable to set Authorizer [${name}] on API method [${method}] for path [${event.path}] because the related API does not define any Authorizers`,
      where,
    );
  }
  if (!auth.names.has(name)) {
    fail(
      'INVALID_PROPERTY',
      `Unable to set Authorizer [${name}] on API method [${method}] for path [${event.path}] because it wasn't defined in the API's Authorizers`,
      where,
    );
  }
  return [{ [name]: [] }];
}

/** SAM's RequestParameters: `method.request.<location>.<name>` strings, or mappings with Required/Caching. */
function requestParameters(value: TemplateValue, path: string, fail: Fail): TemplateValue[] {
  if (!Array.isArray(value)) return fail('INVALID_PROPERTY', 'must be a list', path);
  const locations: Record<string, string> = { header: 'header', querystring: 'query', path: 'path' };
  return value.map((entry, index) => {
    const [name, settings]: [string, TemplateValue] =
      typeof entry === 'string'
        ? [entry, {}]
        : isTemplateObject(entry) && Object.keys(entry).length === 1
          ? (Object.entries(entry)[0] as [string, TemplateValue])
          : fail('INVALID_PROPERTY', 'must be a parameter name or a mapping of one', `${path}.${index}`);
    const match = /^method\.request\.(header|querystring|path)\.(.+)$/.exec(name);
    if (!match) {
      return fail(
        'INVALID_PROPERTY',
        `${name} must look like method.request.header|querystring|path.<name>`,
        `${path}.${index}`,
      );
    }
    const required = isTemplateObject(settings) && settings.Required === true;
    return {
      in: locations[match[1] as string] ?? 'header',
      name: match[2] as string,
      required,
      type: 'string',
    };
  });
}

/**
 * Applies the API's DefaultAuthorizer to every method that names none, as SAM does; `options`
 * only when AddDefaultAuthorizerToCorsPreflight is not false.
 */
export function applyDefaultAuthorizer(paths: TemplateObject, auth: ApiAuth): void {
  const name = auth.defaultAuthorizer;
  if (name === undefined) return;
  for (const methods of Object.values(paths)) {
    if (!isTemplateObject(methods)) continue;
    for (const [methodName, method] of Object.entries(methods)) {
      if (methodName === 'parameters' || !isTemplateObject(method)) continue;
      if (methodName === 'options' && !auth.addDefaultAuthorizerToCorsPreflight) continue;
      if (method['x-amazon-apigateway-integration'] === undefined || method.security !== undefined) continue;
      method.security = [{ [name]: [] }];
    }
  }
}
