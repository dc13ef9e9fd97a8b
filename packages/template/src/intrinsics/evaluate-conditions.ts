import type { TemplateDocument, TemplateValue } from '../types.js';
import { conditionValue } from './condition-functions.js';
import type { ConditionContext } from './context.js';
import type { Scope } from './scope.js';
import { staticScope } from './static-scope.js';

/**
 * Evaluates the `Conditions` section. A condition may use parameters, pseudo parameters, mappings and
 * other conditions (`{ Condition: Name }`), never resources.
 *
 * @throws TemplateError `UNKNOWN_CONDITION`, `CIRCULAR_DEPENDENCY` (naming the whole cycle) or an
 * intrinsic error naming `Conditions.<Name>`
 */
export function evaluateConditions(
  doc: TemplateDocument,
  ctx: ConditionContext,
  file: string,
): Record<string, boolean> {
  const definitions: Record<string, TemplateValue> = doc.Conditions ?? {};
  const results: Record<string, boolean> = {};
  const inProgress: string[] = [];

  const evaluateOne = (name: string, from: Scope | undefined): boolean => {
    if (Object.hasOwn(results, name)) return results[name] as boolean;
    if (!Object.hasOwn(definitions, name)) {
      const detail = `condition '${name}' is not defined in the Conditions section`;
      if (from !== undefined) return from.fail('UNKNOWN_CONDITION', detail);
    }
    const cycleStart = inProgress.indexOf(name);
    if (cycleStart !== -1 && from !== undefined) {
      const cycle = [...inProgress.slice(cycleStart), name];
      return from.fail(
        'CIRCULAR_DEPENDENCY',
        `Circular dependency between conditions: [${cycle.join(', ')}]`,
      );
    }
    inProgress.push(name);
    const scope = staticScope(
      ctx,
      { file, property: `Conditions.${name}` },
      `condition ${name}`,
      evaluateOne,
    );
    const value = conditionValue(definitions[name] as TemplateValue, scope);
    inProgress.pop();
    results[name] = value;
    return value;
  };

  for (const name of Object.keys(definitions)) evaluateOne(name, undefined);
  return results;
}
