import { isTemplateObject } from '../template-shape.js';
import type { TemplateValue } from '../types.js';
import type { Scope } from './scope.js';
import { argumentList, asString } from './values.js';

/** `Fn::FindInMap`: `[MapName, TopLevelKey, SecondLevelKey]`, optionally `{ DefaultValue: value }` fourth. */
export function findInMap(arg: TemplateValue, scope: Scope): unknown {
  const args = argumentList(arg, scope, 'Fn::FindInMap', '[MapName, TopLevelKey, SecondLevelKey]', [3, 4]);
  const [mapName, topKey, secondKey] = args
    .slice(0, 3)
    .map((part) => asString(scope.resolve(part), scope, 'each Fn::FindInMap key')) as [
    string,
    string,
    string,
  ];
  const options = args[3];
  if (options !== undefined && !(isTemplateObject(options) && options.DefaultValue !== undefined)) {
    return scope.fail(
      'INVALID_INTRINSIC',
      'the fourth argument of Fn::FindInMap must be { DefaultValue: value }',
    );
  }
  const missing = (detail: string): unknown => {
    if (options?.DefaultValue !== undefined) return scope.resolve(options.DefaultValue);
    return scope.fail('UNKNOWN_MAPPING_KEY', `Fn::FindInMap: ${detail}`);
  };
  const mapping = Object.hasOwn(scope.base.mappings, mapName) ? scope.base.mappings[mapName] : undefined;
  if (mapping === undefined) return missing(`there is no mapping '${mapName}'`);
  const top = Object.hasOwn(mapping, topKey) ? mapping[topKey] : undefined;
  if (top === undefined) return missing(`mapping '${mapName}' has no key '${topKey}'`);
  if (!Object.hasOwn(top, secondKey))
    return missing(`mapping '${mapName}' has no key '${topKey}.${secondKey}'`);
  return scope.resolve(top[secondKey] as TemplateValue);
}
