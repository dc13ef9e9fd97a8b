import { isTemplateObject } from '../template-shape.js';
import type { ResourceDefinition, TemplateObject, TemplateValue } from '../types.js';
import { translateEventInvokeConfig } from './event-invoke-config.js';
import { EVENT_SOURCES } from './events/event-sources.js';
import { addExecutionRole } from './execution-role.js';
import { awsManagedPolicyArn, FunctionBuild } from './function-build.js';
import {
  COPIED_FUNCTION_PROPERTIES,
  DEFAULT_MEMORY_MB,
  DEFAULT_TIMEOUT_SECONDS,
  SUPPORTED_FUNCTION_PROPERTIES,
} from './function-properties.js';
import { mappingProperty, rejectUnknownProperties } from './property-checks.js';

/**
 * Translates one `AWS::Serverless::Function` (Globals already merged) into the `AWS::Lambda::Function`
 * under the same logical id and everything SAM generates with it, in that order.
 *
 * @param takenIds - logical ids already used in the template, which generated resources must not reuse
 */
export function transformFunction(
  id: string,
  resource: ResourceDefinition,
  file: string,
  takenIds: ReadonlySet<string>,
): Map<string, ResourceDefinition> {
  const sam = resource.Properties ?? {};
  const build = new FunctionBuild(file, id, resource.Condition, takenIds);
  rejectUnknownProperties(
    sam,
    SUPPORTED_FUNCTION_PROPERTIES,
    build,
    'Properties',
    'AWS::Serverless::Function',
  );

  const properties: TemplateObject = { Code: code(sam, build) };
  for (const key of COPIED_FUNCTION_PROPERTIES) if (sam[key] !== undefined) properties[key] = sam[key];
  properties.Timeout = sam.Timeout ?? DEFAULT_TIMEOUT_SECONDS;
  properties.MemorySize = sam.MemorySize ?? DEFAULT_MEMORY_MB;
  if (sam.Tracing !== undefined) properties.TracingConfig = { Mode: sam.Tracing };
  if (sam.DeadLetterQueue !== undefined)
    properties.DeadLetterConfig = deadLetterConfig(sam.DeadLetterQueue, build);
  const tags = tagList(sam.Tags, build);
  properties.Tags = tags;

  translateEvents(sam.Events, build);
  if (sam.AutoPublishAlias !== undefined) addAlias(sam.AutoPublishAlias, build);
  if (sam.EventInvokeConfig !== undefined) translateEventInvokeConfig(sam.EventInvokeConfig, build);
  // The generated role's permissions follow from the configuration, so it is built last.
  if (sam.Tracing === 'Active') build.addManagedPolicy(awsManagedPolicyArn('AWSXrayWriteOnlyAccess'));
  if (sam.VpcConfig !== undefined) {
    build.addManagedPolicy(awsManagedPolicyArn('service-role/AWSLambdaVPCAccessExecutionRole'));
  }
  // SAM ignores Policies when a Role is given: the role is the user's to manage.
  properties.Role = sam.Role ?? addExecutionRole(sam, tags, build);

  const lambda: ResourceDefinition = { ...resource, Type: 'AWS::Lambda::Function', Properties: properties };
  const generated = new Map<string, ResourceDefinition>([[id, lambda]]);
  const roleId = `${id}Role`;
  const role = build.resources.get(roleId);
  if (role !== undefined) generated.set(roleId, role);
  for (const [generatedId, generatedResource] of build.resources)
    generated.set(generatedId, generatedResource);
  return generated;
}

/**
 * `AutoPublishAlias` → the `AWS::Lambda::Alias` SAM generates (`<FunctionId>Alias<Name>`), on
 * `$LATEST`: functions are not versioned locally, so the alias runs the latest code — what it
 * points at on AWS once a deployment has finished shifting traffic. `DeploymentPreference`
 * (CodeDeploy's traffic shifting and its alarms) has no local meaning and is dropped; the stack
 * says so in its log.
 */
function addAlias(name: TemplateValue, build: FunctionBuild): void {
  const suffix = typeof name === 'string' ? name.replace(/[^A-Za-z0-9]/g, '') : '';
  build.addResource(`${build.functionId}Alias${suffix}`, 'AWS::Lambda::Alias', {
    FunctionName: build.functionRef,
    FunctionVersion: '$LATEST',
    Name: name,
  });
}

function code(sam: TemplateObject, build: FunctionBuild): TemplateValue {
  if (sam.CodeUri !== undefined && sam.InlineCode !== undefined) {
    return build.fail(
      'INVALID_PROPERTY',
      'specify either CodeUri or InlineCode, not both',
      'Properties.InlineCode',
    );
  }
  if (sam.InlineCode !== undefined) return { ZipFile: sam.InlineCode };
  const uri = sam.CodeUri;
  if (uri === undefined)
    return build.fail('INVALID_PROPERTY', 'a function needs CodeUri or InlineCode', 'Properties.CodeUri');
  // `{ Bucket, Key, Version }` is SAM's S3 location; anything else is a local path (or an intrinsic
  // yielding one), kept as `aws cloudformation package` accepts it before uploading.
  if (isTemplateObject(uri) && uri.Bucket !== undefined) {
    const location: TemplateObject = { S3Bucket: uri.Bucket, S3Key: uri.Key ?? null };
    if (uri.Version !== undefined) location.S3ObjectVersion = uri.Version;
    return location;
  }
  return uri;
}

function deadLetterConfig(value: TemplateValue, build: FunctionBuild): TemplateObject {
  const path = 'Properties.DeadLetterQueue';
  const dlq = mappingProperty(value, build, path);
  rejectUnknownProperties(dlq, new Set(['Type', 'TargetArn']), build, path, 'DeadLetterQueue');
  const action = dlq.Type === 'SQS' ? 'sqs:SendMessage' : dlq.Type === 'SNS' ? 'sns:Publish' : undefined;
  if (action === undefined) return build.fail('INVALID_PROPERTY', 'Type must be SQS or SNS', `${path}.Type`);
  if (dlq.TargetArn === undefined)
    return build.fail('INVALID_PROPERTY', 'TargetArn is required', `${path}.TargetArn`);
  build.addStatementPolicy('DeadLetterQueuePolicy', action, dlq.TargetArn);
  return { TargetArn: dlq.TargetArn };
}

/** SAM's `Tags` map as Lambda's tag list, led by the `lambda:createdBy: SAM` tag SAM adds. */
function tagList(value: TemplateValue | undefined, build: FunctionBuild): TemplateValue[] {
  const tags: TemplateValue[] = [{ Key: 'lambda:createdBy', Value: 'SAM' }];
  if (value === undefined) return tags;
  const map = mappingProperty(value, build, 'Properties.Tags');
  for (const [key, tagValue] of Object.entries(map)) tags.push({ Key: key, Value: tagValue });
  return tags;
}

function translateEvents(value: TemplateValue | undefined, build: FunctionBuild): void {
  if (value === undefined) return;
  const events = mappingProperty(value, build, 'Properties.Events');
  for (const [eventName, event] of Object.entries(events)) {
    const path = `Properties.Events.${eventName}`;
    if (!/^[A-Za-z0-9]+$/.test(eventName))
      build.fail('INVALID_PROPERTY', 'event names must be alphanumeric', path);
    const definition = mappingProperty(event, build, path);
    rejectUnknownProperties(definition, new Set(['Type', 'Properties']), build, path, 'event');
    const { Type: type } = definition;
    if (typeof type !== 'string') build.fail('INVALID_PROPERTY', 'an event needs a Type', `${path}.Type`);
    const translate = EVENT_SOURCES[type];
    if (translate === undefined) {
      build.fail('UNSUPPORTED_EVENT_SOURCE', `event source type '${type}' is not supported yet`, path);
    }
    const properties = mappingProperty(definition.Properties ?? {}, build, `${path}.Properties`);
    translate({ eventName, properties, path: `${path}.Properties`, build });
  }
}
