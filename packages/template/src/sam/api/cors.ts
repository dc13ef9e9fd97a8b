import { isTemplateObject } from '../../template-shape.js';
import type { TemplateObject, TemplateValue } from '../../types.js';
import type { Fail } from './api-event.js';

const CORS_PROPERTIES = new Set([
  'AllowOrigin',
  'AllowHeaders',
  'AllowMethods',
  'MaxAge',
  'AllowCredentials',
]);
/** What SAM allows for a path with an ANY method: every method API Gateway knows. */
const ALL_METHODS = 'DELETE,GET,HEAD,OPTIONS,PATCH,POST,PUT';

/** The `Cors` setting of an API, its values already quoted as SAM wants them (`"'*'"`). */
export interface CorsSetting {
  readonly allowOrigin: TemplateValue;
  readonly allowHeaders?: TemplateValue;
  readonly allowMethods?: TemplateValue;
  readonly maxAge?: TemplateValue;
  readonly allowCredentials: boolean;
}

/** Reads `Cors`: a quoted origin string, or a mapping with AllowOrigin and the optional headers. */
export function readCors(value: TemplateValue | undefined, fail: Fail): CorsSetting | undefined {
  const path = 'Properties.Cors';
  if (value === undefined) return undefined;
  if (!isTemplateObject(value) || value['Fn::Sub'] !== undefined || value.Ref !== undefined)
    return { allowOrigin: value, allowCredentials: false };
  for (const key of Object.keys(value)) {
    if (!CORS_PROPERTIES.has(key))
      fail('UNSUPPORTED_PROPERTY', `Cors property ${key} is not supported`, `${path}.${key}`);
  }
  if (value.AllowOrigin === undefined)
    fail('INVALID_PROPERTY', 'Cors needs AllowOrigin', `${path}.AllowOrigin`);
  return {
    allowOrigin: value.AllowOrigin ?? null,
    ...(value.AllowHeaders === undefined ? {} : { allowHeaders: value.AllowHeaders }),
    ...(value.AllowMethods === undefined ? {} : { allowMethods: value.AllowMethods }),
    ...(value.MaxAge === undefined ? {} : { maxAge: value.MaxAge }),
    allowCredentials: value.AllowCredentials === true,
  };
}

/**
 * Adds SAM's CORS preflight to every path: an `options` method with a mock integration answering
 * 200 and the Access-Control-* headers. Without AllowMethods, a path allows the methods it has.
 */
export function addCorsPreflight(paths: TemplateObject, cors: CorsSetting): void {
  for (const methods of Object.values(paths)) {
    if (!isTemplateObject(methods) || methods.options !== undefined) continue;
    const allowMethods = cors.allowMethods ?? `'${methodsOf(methods)}'`;
    const parameters: TemplateObject = {
      'method.response.header.Access-Control-Allow-Origin': cors.allowOrigin,
    };
    const headers: TemplateObject = { 'Access-Control-Allow-Origin': { type: 'string' } };
    if (cors.allowHeaders !== undefined) {
      parameters['method.response.header.Access-Control-Allow-Headers'] = cors.allowHeaders;
      headers['Access-Control-Allow-Headers'] = { type: 'string' };
    }
    parameters['method.response.header.Access-Control-Allow-Methods'] = allowMethods;
    headers['Access-Control-Allow-Methods'] = { type: 'string' };
    if (cors.maxAge !== undefined) {
      parameters['method.response.header.Access-Control-Max-Age'] = cors.maxAge;
      headers['Access-Control-Max-Age'] = { type: 'integer' };
    }
    if (cors.allowCredentials) {
      parameters['method.response.header.Access-Control-Allow-Credentials'] = "'true'";
      headers['Access-Control-Allow-Credentials'] = { type: 'string' };
    }
    methods.options = {
      summary: 'CORS support',
      consumes: ['application/json'],
      produces: ['application/json'],
      'x-amazon-apigateway-integration': {
        type: 'mock',
        requestTemplates: { 'application/json': '{\n  "statusCode" : 200\n}\n' },
        responses: {
          default: {
            statusCode: '200',
            responseParameters: parameters,
            responseTemplates: { 'application/json': '{}\n' },
          },
        },
      },
      responses: { '200': { description: 'Default response for CORS method', headers } },
    };
  }
}

function methodsOf(methods: TemplateObject): string {
  const names = Object.keys(methods).filter((name) => name !== 'parameters');
  if (names.includes('x-amazon-apigateway-any-method')) return ALL_METHODS;
  return [...new Set([...names, 'options'].map((name) => name.toUpperCase()))].sort().join(',');
}
