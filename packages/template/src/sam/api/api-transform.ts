import { createHash } from 'node:crypto';
import { TemplateError } from '../../template-error.js';
import { isTemplateObject } from '../../template-shape.js';
import type { ResourceDefinition, TemplateDocument, TemplateObject, TemplateValue } from '../../types.js';
import { arnPath, type Fail, IMPLICIT_API_ID } from './api-event.js';
import { collectApiEvents, type FunctionApiEvent } from './api-events.js';
import { addEventMethod, applyDefaultAuthorizer } from './api-paths.js';
import { translateAuth } from './authorizers.js';
import { addCorsPreflight, readCors } from './cors.js';

const API_PROPERTIES = new Set([
  'StageName',
  'Auth',
  'Cors',
  'BinaryMediaTypes',
  'DefinitionBody',
  'Variables',
  'Name',
  'Description',
  'EndpointConfiguration',
]);

/**
 * Translates every `AWS::Serverless::Api` (the implicit `ServerlessRestApi` included) with the Api
 * events that name it, as SAM does: an `AWS::ApiGateway::RestApi` whose `Body` is a Swagger 2.0
 * definition, an `AWS::ApiGateway::Deployment` named after a hash of that body, an
 * `AWS::ApiGateway::Stage` `<Api><StageName>Stage`, a permission per authorizer and one per event
 * (`<Function><Event>PermissionProd`).
 *
 * @returns the generated resources by logical id; the caller replaces the Serverless APIs with them
 * @throws TemplateError naming the resource and property of anything SAM refuses or the local cloud does not implement
 */
export function transformApis(doc: TemplateDocument, file: string): Map<string, ResourceDefinition> {
  const events = collectApiEvents(doc, file);
  const generated = new Map<string, ResourceDefinition>();
  for (const event of events) {
    if (doc.Resources[event.apiId]?.Type !== 'AWS::Serverless::Api') {
      throw new TemplateError(
        "RestApiId must be a valid reference to an 'AWS::Serverless::Api' resource in the same template",
        {
          code: 'INVALID_PROPERTY',
          file,
          resource: event.functionId,
          property: `Properties.Events.${event.eventName}.Properties.RestApiId`,
        },
      );
    }
  }
  for (const [apiId, resource] of Object.entries(doc.Resources)) {
    if (resource.Type !== 'AWS::Serverless::Api') continue;
    const own = events.filter((event) => event.apiId === apiId);
    for (const [id, definition] of translateApi(apiId, resource, own, file)) generated.set(id, definition);
  }
  return generated;
}

function translateApi(
  apiId: string,
  resource: ResourceDefinition,
  events: readonly FunctionApiEvent[],
  file: string,
): Map<string, ResourceDefinition> {
  const failApi: Fail = (code, detail, property) => {
    throw new TemplateError(detail, { code, file, resource: apiId, property });
  };
  const sam = resource.Properties ?? {};
  for (const key of Object.keys(sam)) {
    if (!API_PROPERTIES.has(key))
      failApi(
        'UNSUPPORTED_PROPERTY',
        `AWS::Serverless::Api property ${key} is not supported`,
        `Properties.${key}`,
      );
  }
  const stageName = sam.StageName ?? (apiId === IMPLICIT_API_ID ? 'Prod' : undefined);
  if (stageName === undefined)
    failApi('INVALID_PROPERTY', 'an Api needs a StageName', 'Properties.StageName');
  const auth = translateAuth(apiId, sam.Auth, failApi);
  const cors = readCors(sam.Cors, failApi);

  const body = definitionBody(sam.DefinitionBody, failApi);
  const paths = body.paths as TemplateObject;
  for (const event of events) {
    addEventMethod(paths, event, auth, (code, detail, property) => {
      throw new TemplateError(detail, { code, file, resource: event.functionId, property });
    });
  }
  if (cors !== undefined) addCorsPreflight(paths, cors);
  applyDefaultAuthorizer(paths, auth);
  if (Object.keys(auth.securityDefinitions).length > 0) {
    const existing = isTemplateObject(body.securityDefinitions) ? body.securityDefinitions : {};
    body.securityDefinitions = { ...existing, ...auth.securityDefinitions };
  }
  const binaryMediaTypes = mediaTypes(sam.BinaryMediaTypes, failApi);
  if (binaryMediaTypes !== undefined) body['x-amazon-apigateway-binary-media-types'] = binaryMediaTypes;
  if (sam.Description !== undefined && isTemplateObject(body.info)) body.info.description = sam.Description;

  const restApi: TemplateObject = { Body: body };
  if (sam.Name !== undefined) restApi.Name = sam.Name;
  if (sam.EndpointConfiguration !== undefined)
    restApi.EndpointConfiguration = endpoint(sam.EndpointConfiguration);
  const withCondition = (
    definition: ResourceDefinition,
    condition = resource.Condition,
  ): ResourceDefinition => (condition === undefined ? definition : { ...definition, Condition: condition });

  const hash = createHash('sha1').update(canonicalJson(restApi)).digest('hex');
  const deploymentId = `${apiId}Deployment${hash.slice(0, 10)}`;
  const stage: TemplateObject = {
    DeploymentId: { Ref: deploymentId },
    RestApiId: { Ref: apiId },
    StageName: stageName ?? null,
  };
  if (sam.Variables !== undefined) stage.Variables = sam.Variables;

  const result = new Map<string, ResourceDefinition>([
    [apiId, withCondition({ Type: 'AWS::ApiGateway::RestApi', Properties: restApi })],
    [
      deploymentId,
      withCondition({
        Type: 'AWS::ApiGateway::Deployment',
        Properties: {
          Description: `RestApi deployment id: ${hash}`,
          RestApiId: { Ref: apiId },
          StageName: 'Stage',
        },
      }),
    ],
    [
      `${apiId}${stageSuffix(stageName ?? null)}Stage`,
      withCondition({ Type: 'AWS::ApiGateway::Stage', Properties: stage }),
    ],
  ]);
  for (const [id, permission] of auth.permissions) result.set(id, withCondition(permission));
  for (const event of events) {
    const method = event.method === 'any' ? '*' : event.method.toUpperCase();
    result.set(
      `${event.functionId}${event.eventName}PermissionProd`,
      withCondition(
        {
          Type: 'AWS::Lambda::Permission',
          Properties: {
            Action: 'lambda:InvokeFunction',
            FunctionName: { Ref: event.functionId },
            Principal: 'apigateway.amazonaws.com',
            SourceArn: {
              'Fn::Sub': [
                `arn:aws:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${__ApiId__}/\${__Stage__}/${method}${arnPath(event.path)}`,
                { __ApiId__: { Ref: apiId }, __Stage__: '*' },
              ],
            },
          },
        },
        event.condition,
      ),
    );
  }
  return result;
}

/** The user's DefinitionBody (copied), or SAM's empty Swagger 2.0 document. */
function definitionBody(value: TemplateValue | undefined, fail: Fail): TemplateObject {
  if (value === undefined) {
    return { swagger: '2.0', info: { version: '1.0', title: { Ref: 'AWS::StackName' } }, paths: {} };
  }
  if (!isTemplateObject(value))
    return fail('INVALID_PROPERTY', 'must be an OpenAPI document', 'Properties.DefinitionBody');
  const body = structuredClone(value);
  if (body.paths === undefined) body.paths = {};
  if (!isTemplateObject(body.paths))
    return fail('INVALID_PROPERTY', 'paths must be a mapping', 'Properties.DefinitionBody.paths');
  return body;
}

/** SAM writes `/` as `~1` in binary media types (an OpenAPI pointer escape); API Gateway wants `/`. */
function mediaTypes(value: TemplateValue | undefined, fail: Fail): TemplateValue[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) return fail('INVALID_PROPERTY', 'must be a list', 'Properties.BinaryMediaTypes');
  return value.map((type) => (typeof type === 'string' ? type.replaceAll('~1', '/') : type));
}

function endpoint(value: TemplateValue): TemplateValue {
  if (typeof value === 'string') return { Types: [value] };
  if (isTemplateObject(value) && value.Type !== undefined) return { Types: [value.Type] };
  return value;
}

/** A stage name as it appears in a logical id; an intrinsic StageName gives `Stage`-only ids. */
function stageSuffix(stageName: TemplateValue): string {
  return typeof stageName === 'string' ? stageName.replace(/[^A-Za-z0-9]/g, '') : '';
}

/** JSON with sorted keys, so the deployment id changes only when the definition does. */
function canonicalJson(value: TemplateValue): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isTemplateObject(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key] as TemplateValue)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
