import type { TemplateErrorCode } from '../../template-error.js';
import { isTemplateObject } from '../../template-shape.js';
import type { TemplateObject, TemplateValue } from '../../types.js';

/** Reports a problem with a template value at a property path, naming file and resource. */
export type Fail = (code: TemplateErrorCode, detail: string, property: string) => never;

/** The logical id SAM gives the API it creates for Api events without a RestApiId. */
export const IMPLICIT_API_ID = 'ServerlessRestApi';

/** HTTP methods an Api event may name; `ANY` is API Gateway's catch-all. */
const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'any']);

const SUPPORTED = new Set(['Path', 'Method', 'RestApiId', 'Auth', 'RequestParameters', 'TimeoutInMillis']);
const SUPPORTED_AUTH = new Set(['Authorizer']);

/** One `Type: Api` event, checked and normalised. */
export interface ApiEvent {
  readonly functionId: string;
  readonly eventName: string;
  /** Logical id of the `AWS::Serverless::Api` it belongs to (the implicit one when RestApiId is absent). */
  readonly apiId: string;
  /** As written, e.g. `/items/{id}`. */
  readonly path: string;
  /** Lower case; `any` for ANY. */
  readonly method: string;
  /** An authorizer name of the API, `NONE`, or undefined for the API's default. */
  readonly authorizer?: string;
  readonly requestParameters?: TemplateValue;
  readonly timeoutInMillis?: TemplateValue;
}

/**
 * Reads one Api event's `Properties` as SAM accepts them. Anything the local cloud does not
 * implement (request models, API keys, IAM auth, scopes) is refused by name.
 */
export function readApiEvent(
  functionId: string,
  eventName: string,
  properties: TemplateObject,
  path: string,
  fail: Fail,
): ApiEvent {
  for (const key of Object.keys(properties)) {
    if (!SUPPORTED.has(key))
      fail('UNSUPPORTED_PROPERTY', `Api event property ${key} is not supported`, `${path}.${key}`);
  }
  const { Path: apiPath, Method: method } = properties;
  if (typeof apiPath !== 'string' || !apiPath.startsWith('/'))
    fail('INVALID_PROPERTY', 'an Api event needs a Path starting with /', `${path}.Path`);
  if (typeof method !== 'string' || !METHODS.has(method.toLowerCase()))
    fail('INVALID_PROPERTY', `Method must be one of ${[...METHODS].join(', ')}`, `${path}.Method`);
  const event: {
    -readonly [K in keyof ApiEvent]: ApiEvent[K];
  } = {
    functionId,
    eventName,
    apiId: restApiId(properties.RestApiId, path, fail),
    path: apiPath,
    method: method.toLowerCase(),
  };
  if (properties.Auth !== undefined) {
    const auth = properties.Auth;
    if (!isTemplateObject(auth)) return fail('INVALID_PROPERTY', 'must be a mapping', `${path}.Auth`);
    for (const key of Object.keys(auth)) {
      if (!SUPPORTED_AUTH.has(key))
        fail(
          'UNSUPPORTED_PROPERTY',
          `Api event Auth property ${key} is not supported`,
          `${path}.Auth.${key}`,
        );
    }
    if (auth.Authorizer !== undefined) {
      if (typeof auth.Authorizer !== 'string')
        fail('INVALID_PROPERTY', 'Authorizer must be an authorizer name or NONE', `${path}.Auth.Authorizer`);
      if (auth.Authorizer === 'AWS_IAM')
        fail('UNSUPPORTED_PROPERTY', 'AWS_IAM authorization is not supported', `${path}.Auth.Authorizer`);
      event.authorizer = auth.Authorizer;
    }
  }
  if (properties.RequestParameters !== undefined) event.requestParameters = properties.RequestParameters;
  if (properties.TimeoutInMillis !== undefined) event.timeoutInMillis = properties.TimeoutInMillis;
  return event;
}

/** SAM accepts only a `Ref` to an `AWS::Serverless::Api` of the same template. */
function restApiId(value: TemplateValue | undefined, path: string, fail: Fail): string {
  if (value === undefined) return IMPLICIT_API_ID;
  if (isTemplateObject(value) && typeof value.Ref === 'string') return value.Ref;
  return fail(
    'INVALID_PROPERTY',
    "RestApiId must be a valid reference to an 'AWS::Serverless::Api' resource in the same template",
    `${path}.RestApiId`,
  );
}

/**
 * The path as it appears in an execute-api ARN: path parameters become `*`, as SAM writes the
 * permission's SourceArn.
 */
export function arnPath(path: string): string {
  return path.replace(/\{[^}]*\}/g, '*');
}
