import { TemplateError } from './template-error.js';
import type { TemplateDocument, TemplateObject, TemplateValue } from './types.js';

/** Whether a value is a mapping (not null, not a list). */
export function isTemplateObject(value: unknown): value is TemplateObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const OBJECT_SECTIONS = [
  'Metadata',
  'Globals',
  'Parameters',
  'Mappings',
  'Conditions',
  'Rules',
  'Outputs',
] as const;

/**
 * Checks the sections a template must have and the shape of each resource, parameter and output, so
 * later stages can rely on the {@link TemplateDocument} type.
 *
 * @throws TemplateError `TEMPLATE_SHAPE` naming the section, resource or property at fault
 */
export function checkTemplateShape(value: TemplateValue, file: string): TemplateDocument {
  const fail: Fail = (detail, resource, property) => {
    throw new TemplateError(detail, { code: 'TEMPLATE_SHAPE', file, resource, property });
  };
  if (!isTemplateObject(value)) return fail('a template must be a mapping of sections');
  for (const section of OBJECT_SECTIONS) {
    if (value[section] !== undefined && !isTemplateObject(value[section])) {
      fail(`the ${section} section must be a mapping`, undefined, section);
    }
  }
  const resources = value.Resources;
  if (resources === undefined) fail('the Resources section is required', undefined, 'Resources');
  if (!isTemplateObject(resources) || Object.keys(resources).length === 0) {
    fail('the Resources section must be a mapping with at least one resource', undefined, 'Resources');
  }
  for (const [id, resource] of Object.entries(resources as TemplateObject)) {
    checkResource(id, resource, fail);
  }
  for (const [name, parameter] of Object.entries(objectOrEmpty(value.Parameters))) {
    if (!isTemplateObject(parameter) || typeof parameter.Type !== 'string') {
      fail(`parameter ${name} must be a mapping with a string Type`, undefined, `Parameters.${name}`);
    }
  }
  for (const [name, output] of Object.entries(objectOrEmpty(value.Outputs))) {
    if (!isTemplateObject(output) || output.Value === undefined) {
      return fail(`output ${name} must be a mapping with a Value`, undefined, `Outputs.${name}`);
    }
    if (
      output.Export !== undefined &&
      (!isTemplateObject(output.Export) || output.Export.Name === undefined)
    ) {
      fail(`output ${name} has an Export without a Name`, undefined, `Outputs.${name}.Export`);
    }
  }
  for (const [name, mapping] of Object.entries(objectOrEmpty(value.Mappings))) {
    if (!isTemplateObject(mapping) || !Object.values(mapping).every(isTemplateObject)) {
      fail(`mapping ${name} must map keys to mappings of values`, undefined, `Mappings.${name}`);
    }
  }
  if (value.Transform !== undefined && !isTransform(value.Transform)) {
    fail('Transform must be a transform name or a list of them', undefined, 'Transform');
  }
  // Each section was checked above; TemplateDocument describes exactly what passed.
  return value as unknown as TemplateDocument;
}

type Fail = (detail: string, resource?: string, property?: string) => never;

function checkResource(id: string, resource: TemplateValue, fail: Fail): void {
  if (!/^[A-Za-z0-9]+$/.test(id)) fail('logical ids must be alphanumeric', id);
  if (!isTemplateObject(resource)) fail('a resource must be a mapping', id);
  if (typeof resource.Type !== 'string' || resource.Type === '')
    fail('a resource must have a string Type', id, 'Type');
  if (resource.Properties !== undefined && !isTemplateObject(resource.Properties)) {
    fail('Properties must be a mapping', id, 'Properties');
  }
  const dependsOn = resource.DependsOn;
  const validDependsOn =
    dependsOn === undefined ||
    typeof dependsOn === 'string' ||
    (Array.isArray(dependsOn) && dependsOn.every((entry) => typeof entry === 'string'));
  if (!validDependsOn) fail('DependsOn must be a logical id or a list of them', id, 'DependsOn');
  if (resource.Condition !== undefined && typeof resource.Condition !== 'string') {
    fail('Condition must be the name of a condition', id, 'Condition');
  }
  if (resource.Metadata !== undefined && !isTemplateObject(resource.Metadata)) {
    fail('Metadata must be a mapping', id, 'Metadata');
  }
}

function isTransform(value: TemplateValue): boolean {
  return (
    typeof value === 'string' || (Array.isArray(value) && value.every((entry) => typeof entry === 'string'))
  );
}

function objectOrEmpty(value: TemplateValue | undefined): TemplateObject {
  return isTemplateObject(value) ? value : {};
}
