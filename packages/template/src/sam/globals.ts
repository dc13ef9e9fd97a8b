import { TemplateError } from '../template-error.js';
import { isTemplateObject } from '../template-shape.js';
import type { TemplateDocument, TemplateObject, TemplateValue } from '../types.js';
import { GLOBAL_FUNCTION_PROPERTIES, SUPPORTED_FUNCTION_PROPERTIES } from './function-properties.js';

/** Globals sections SAM defines, and the resource type each applies to. */
const GLOBAL_SECTIONS: Readonly<Record<string, string>> = {
  Function: 'AWS::Serverless::Function',
  Api: 'AWS::Serverless::Api',
  HttpApi: 'AWS::Serverless::HttpApi',
  SimpleTable: 'AWS::Serverless::SimpleTable',
  StateMachine: 'AWS::Serverless::StateMachine',
};

/**
 * Merges a Globals value under a resource's own value as SAM does: the resource wins for scalars and
 * intrinsic functions, mappings merge key by key (recursively), and lists are concatenated, the global
 * entries first.
 */
export function mergeGlobal(global: TemplateValue, local: TemplateValue | undefined): TemplateValue {
  if (local === undefined) return structuredClone(global);
  if (Array.isArray(global) && Array.isArray(local)) return [...structuredClone(global), ...local];
  if (!isPlainMapping(global) || !isPlainMapping(local)) return local;
  const merged: TemplateObject = structuredClone(global);
  for (const [key, value] of Object.entries(local)) {
    merged[key] = Object.hasOwn(global, key) ? mergeGlobal(global[key] as TemplateValue, value) : value;
  }
  return merged;
}

/**
 * Applies the `Globals` section to the resources it covers, in place, and removes it. `Function` globals
 * are checked: SAM refuses some properties there, and the transform implements only some.
 *
 * @throws TemplateError `TEMPLATE_SHAPE` for an unknown section or a property SAM refuses in Globals,
 * `UNSUPPORTED_PROPERTY` for one the transform does not implement
 */
export function applyGlobals(doc: TemplateDocument, file: string): void {
  const globals = doc.Globals;
  delete doc.Globals;
  if (globals === undefined) return;
  for (const [section, values] of Object.entries(globals)) {
    const type = GLOBAL_SECTIONS[section];
    const fail: GlobalsFail = (code, detail, property) => {
      throw new TemplateError(detail, { code, file, property });
    };
    if (type === undefined)
      fail(
        'TEMPLATE_SHAPE',
        `'Globals' section is invalid: '${section}' is not supported`,
        `Globals.${section}`,
      );
    if (!isTemplateObject(values)) fail('TEMPLATE_SHAPE', 'must be a mapping', `Globals.${section}`);
    if (section === 'Function') checkFunctionGlobals(values, fail);
    for (const resource of Object.values(doc.Resources)) {
      if (resource.Type === type)
        resource.Properties = mergeGlobal(values, resource.Properties ?? {}) as TemplateObject;
    }
  }
}

type GlobalsFail = (
  code: 'TEMPLATE_SHAPE' | 'UNSUPPORTED_PROPERTY',
  detail: string,
  property: string,
) => never;

function checkFunctionGlobals(values: TemplateObject, fail: GlobalsFail): void {
  for (const key of Object.keys(values)) {
    const property = `Globals.Function.${key}`;
    if (!GLOBAL_FUNCTION_PROPERTIES.has(key)) {
      fail(
        'TEMPLATE_SHAPE',
        `'Globals' section is invalid: '${key}' is not a supported property of 'Function'`,
        property,
      );
    }
    if (!SUPPORTED_FUNCTION_PROPERTIES.has(key)) {
      fail('UNSUPPORTED_PROPERTY', `AWS::Serverless::Function property ${key} is not supported`, property);
    }
  }
}

/** A mapping that is not an intrinsic function: intrinsics are values, replaced whole, never merged. */
function isPlainMapping(value: TemplateValue): value is TemplateObject {
  if (!isTemplateObject(value)) return false;
  const keys = Object.keys(value);
  return !(keys.length === 1 && (keys[0] === 'Ref' || (keys[0]?.startsWith('Fn::') ?? false)));
}
