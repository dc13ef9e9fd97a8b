import type {
  ResourceDefinition,
  TemplateDocument,
  TemplateObject,
  TemplateValue,
} from '@motorcade/template';
import { closestName } from './closest-name.js';
import { type Finding, FindingCode } from './finding.js';
import { isIntrinsic, isMapping } from './intrinsic.js';
import type { PropertySchema, PropertyType, ResourceSpec } from './resource-spec.js';

/** Attributes a resource entry may carry besides `Type` and `Properties`. */
const RESOURCE_ATTRIBUTES = new Set([
  'Type',
  'Properties',
  'DependsOn',
  'Condition',
  'Metadata',
  'DeletionPolicy',
  'UpdateReplacePolicy',
  'CreationPolicy',
  'UpdatePolicy',
]);

/** SAM `Globals` sections and the resource type whose properties they default. */
const GLOBAL_SECTIONS: Readonly<Record<string, string>> = {
  Function: 'AWS::Serverless::Function',
  Api: 'AWS::Serverless::Api',
  HttpApi: 'AWS::Serverless::HttpApi',
  SimpleTable: 'AWS::Serverless::SimpleTable',
  StateMachine: 'AWS::Serverless::StateMachine',
  LayerVersion: 'AWS::Serverless::LayerVersion',
};

type Report = (code: FindingCode, property: string, message: string) => void;

/**
 * Checks every resource (and every SAM `Globals` section) of a template against the official
 * resource specification: unknown types, unknown or misspelt properties at any depth, missing
 * required properties and values of the wrong primitive type. Values computed by intrinsic
 * functions are left alone: their type is only known at deploy.
 */
export function checkAgainstSpec(doc: TemplateDocument, file: string, spec: ResourceSpec): Finding[] {
  const findings: Finding[] = [];
  for (const [section, values] of Object.entries(doc.Globals ?? {})) {
    const type = GLOBAL_SECTIONS[section];
    if (type === undefined || !isMapping(values)) continue;
    const schema = spec.resourceProperties(type);
    if (schema === undefined) continue;
    const report: Report = (code, property, message) => findings.push({ code, file, property, message });
    checkObject(
      values,
      withPassThrough(schema, spec, type),
      `Globals.${section}`,
      section,
      spec,
      report,
      false,
    );
  }
  for (const [id, resource] of Object.entries(doc.Resources)) {
    const report: Report = (code, property, message) =>
      findings.push({ code, file, resource: id, property, message });
    checkResource(resource, doc, spec, report);
  }
  return findings;
}

function checkResource(
  resource: ResourceDefinition,
  doc: TemplateDocument,
  spec: ResourceSpec,
  report: Report,
): void {
  for (const key of Object.keys(resource)) {
    if (RESOURCE_ATTRIBUTES.has(key)) continue;
    const hint = closestName(key, RESOURCE_ATTRIBUTES);
    report(
      FindingCode.UNKNOWN_PROPERTY,
      key,
      `unknown resource attribute${hint ? ` (did you mean ${hint}?)` : ''}`,
    );
  }
  const properties = resource.Properties ?? {};
  const type = resource.Type;
  if (type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource') {
    // A custom resource's properties are its provider's contract; only ServiceToken is CloudFormation's.
    const custom = spec.resourceProperties('AWS::CloudFormation::CustomResource') ?? {};
    for (const [name, property] of Object.entries(custom)) {
      const value = properties[name];
      if (value === undefined) {
        if (property.required)
          report(FindingCode.MISSING_PROPERTY, `Properties.${name}`, `${type} requires ${name}`);
      } else checkValue(value, property.type, `Properties.${name}`, spec, report);
    }
    return;
  }
  const schema = spec.resourceProperties(type);
  if (schema === undefined) {
    const hint = closestName(type, spec.resourceTypes());
    report(
      FindingCode.UNKNOWN_RESOURCE_TYPE,
      'Type',
      `unknown resource type ${type}${hint ? ` (did you mean ${hint}?)` : ''}`,
    );
    return;
  }
  // SAM Globals supply properties the resource omits, so "required" is judged after merging them.
  const section = Object.entries(GLOBAL_SECTIONS).find(([, globalType]) => globalType === type)?.[0];
  const globals = section === undefined ? undefined : doc.Globals?.[section];
  const present = new Set([...Object.keys(properties), ...Object.keys(isMapping(globals) ? globals : {})]);
  // Only the resource's own schema says what is required: SAM generates what the pass-through one needs.
  checkObject(
    properties,
    withPassThrough(schema, spec, type),
    'Properties',
    type,
    spec,
    report,
    true,
    present,
    schema,
  );
}

function withPassThrough(schema: PropertySchema, spec: ResourceSpec, type: string): PropertySchema {
  const extra = spec.passThroughProperties(type);
  return extra === undefined ? schema : { ...extra, ...schema };
}

function checkObject(
  value: TemplateObject,
  schema: PropertySchema,
  path: string,
  typeName: string,
  spec: ResourceSpec,
  report: Report,
  checkRequired: boolean,
  present: ReadonlySet<string> = new Set(Object.keys(value)),
  requiredBy: PropertySchema = schema,
): void {
  for (const [name, item] of Object.entries(value)) {
    const property = schema[name];
    if (property === undefined) {
      const hint = closestName(name, Object.keys(schema));
      report(
        FindingCode.UNKNOWN_PROPERTY,
        `${path}.${name}`,
        `${typeName} has no property ${name}${hint ? ` (did you mean ${hint}?)` : ''}`,
      );
      continue;
    }
    checkValue(item, property.type, `${path}.${name}`, spec, report);
  }
  if (!checkRequired) return;
  for (const [name, property] of Object.entries(requiredBy)) {
    if (property.required && !present.has(name)) {
      report(FindingCode.MISSING_PROPERTY, `${path}.${name}`, `${typeName} requires ${name}`);
    }
  }
}

function checkValue(
  value: TemplateValue,
  type: PropertyType,
  path: string,
  spec: ResourceSpec,
  report: Report,
): void {
  if (isIntrinsic(value)) return;
  const wrong = (expected: string): void =>
    report(FindingCode.WRONG_TYPE, path, `expects ${expected}, got ${describe(value)}`);
  switch (type.type) {
    case 'string':
    case 'date-time':
      // CloudFormation turns numbers and booleans into text, so only lists and mappings are wrong.
      if (Array.isArray(value) || isMapping(value)) wrong('a string');
      return;
    case 'number':
    case 'integer': {
      const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      const valid = typeof number === 'number' && Number.isFinite(number);
      if (!valid || (type.type === 'integer' && !Number.isInteger(number))) {
        wrong(type.type === 'integer' ? 'an integer' : 'a number');
      }
      return;
    }
    case 'boolean':
      if (typeof value !== 'boolean' && !(typeof value === 'string' && /^(true|false)$/i.test(value))) {
        wrong('a boolean');
      }
      return;
    case 'json':
    case 'null':
      return;
    case 'tag':
      if (!isMapping(value) || value.Key === undefined || value.Value === undefined)
        wrong('a tag {Key, Value}');
      return;
    case 'array':
      if (!Array.isArray(value)) {
        wrong('a list');
        return;
      }
      value.forEach((item, index) => {
        checkValue(item, type.element, `${path}.${index}`, spec, report);
      });
      return;
    case 'map':
      if (!isMapping(value)) {
        wrong('a mapping');
        return;
      }
      for (const [key, item] of Object.entries(value))
        checkValue(item, type.element, `${path}.${key}`, spec, report);
      return;
    case 'ref': {
      if (!isMapping(value)) {
        wrong('a mapping');
        return;
      }
      const definition = spec.definition(type);
      checkObject(
        value,
        definition.properties,
        path,
        definition.name,
        spec,
        report,
        true,
        new Set(Object.keys(value)),
        definition.required,
      );
      return;
    }
    case 'union':
      checkUnion(value, type.types, path, spec, report);
      return;
  }
}

/**
 * A union (e.g. SAM's CodeUri: a path or an S3 location; an event's Properties: one shape per
 * event type) is satisfied by any member; otherwise the member that came closest is reported.
 */
function checkUnion(
  value: TemplateValue,
  members: readonly PropertyType[],
  path: string,
  spec: ResourceSpec,
  report: Report,
): void {
  let closest: Array<Parameters<Report>> | undefined;
  for (const member of members) {
    const attempt: Array<Parameters<Report>> = [];
    checkValue(value, member, path, spec, (...args) => attempt.push(args));
    if (attempt.length === 0) return;
    if (closest === undefined || attempt.length < closest.length) closest = attempt;
  }
  for (const args of closest ?? []) report(...args);
}

function describe(value: TemplateValue): string {
  if (Array.isArray(value)) return 'a list';
  if (isMapping(value)) return 'a mapping';
  return JSON.stringify(value);
}
