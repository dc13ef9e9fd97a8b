import { isTemplateObject } from '../template-shape.js';
import type { TemplateObject, TemplateValue } from '../types.js';
import type { FunctionBuild } from './function-build.js';

/**
 * Rejects any key not in `supported`, naming it: a typo or a property not implemented yet must never be
 * dropped silently, or the local cloud would behave unlike AWS without a word.
 */
export function rejectUnknownProperties(
  properties: TemplateObject,
  supported: ReadonlySet<string>,
  build: FunctionBuild,
  path: string,
  owner: string,
): void {
  for (const key of Object.keys(properties)) {
    if (!supported.has(key)) {
      const hint = closest(key, supported);
      const suggestion = hint === undefined ? '' : ` (did you mean ${hint}?)`;
      build.fail(
        'UNSUPPORTED_PROPERTY',
        `${owner} property ${key} is not supported${suggestion}`,
        `${path}.${key}`,
      );
    }
  }
}

/** A mapping property, or a clear error when it is something else. */
export function mappingProperty(value: TemplateValue, build: FunctionBuild, path: string): TemplateObject {
  if (isTemplateObject(value)) return value;
  return build.fail('INVALID_PROPERTY', 'must be a mapping', path);
}

/** The supported name that differs from `key` only in case, if any: the commonest typo. */
function closest(key: string, supported: ReadonlySet<string>): string | undefined {
  const lower = key.toLowerCase();
  return [...supported].find((name) => name.toLowerCase() === lower);
}
