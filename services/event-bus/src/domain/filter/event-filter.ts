import { childPath, FilterError, type FilterProblem } from './filter-problem.js';
import { isPlainObject } from './scalar-equality.js';
import { compileValueMatcher, type ValueMatcher } from './value-matcher.js';

/** A compiled content pattern: `matches(detail)` answers whether an event's detail is wanted. */
export interface EventFilter {
  matches(detail: unknown): boolean;
}

/** How a pattern arrived: `loose` when CloudFormation turned its scalars into strings. */
export interface FilterOptions {
  readonly loose: boolean;
}

type FieldRule =
  | { readonly kind: 'values'; readonly key: string; readonly matchers: readonly ValueMatcher[] }
  | { readonly kind: 'nested'; readonly key: string; readonly pattern: CompiledPattern };

type CompiledPattern = readonly FieldRule[];

/** The filter of a listener without one: every event of its type. */
export const MATCH_ALL: EventFilter = { matches: () => true };

/**
 * Compiles an EventBridge-style content pattern on an event's `detail`: every field named must
 * match (AND); a field's list matches when any entry does (OR); an event array matches when any of
 * its elements does; nested objects nest. Entries are exact values, `prefix`, `suffix`,
 * `equals-ignore-case`, `anything-but`, `numeric` and `exists`. Throws {@link FilterError} naming
 * every mistake.
 * @example
 * const filter = compileFilter({ colour: ['red', 'blue'], weightKg: [{ numeric: ['>', 100] }] }, { loose: false });
 * filter.matches({ colour: 'red', weightKg: 250 }); // true
 */
export function compileFilter(pattern: unknown, options: FilterOptions): EventFilter {
  const problems: FilterProblem[] = [];
  const compiled = compilePattern(pattern, '', options.loose, problems);
  if (problems.length > 0 || !compiled) throw new FilterError(problems);
  if (compiled.length === 0) return MATCH_ALL;
  return { matches: (detail) => matchPattern(compiled, detail) };
}

function compilePattern(
  pattern: unknown,
  path: string,
  loose: boolean,
  problems: FilterProblem[],
): CompiledPattern | undefined {
  if (!isPlainObject(pattern)) {
    problems.push({ path, message: 'must be an object whose fields hold lists of values' });
    return undefined;
  }
  const rules: FieldRule[] = [];
  for (const [key, value] of Object.entries(pattern)) {
    const at = childPath(path, key);
    if (Array.isArray(value)) {
      if (value.length === 0) {
        problems.push({ path: at, message: 'an empty list matches nothing; name at least one value' });
        continue;
      }
      const matchers = value.map((entry, index) =>
        compileValueMatcher(entry, `${at}[${index}]`, loose, problems),
      );
      rules.push({
        kind: 'values',
        key,
        matchers: matchers.filter((m): m is ValueMatcher => m !== undefined),
      });
    } else if (isPlainObject(value)) {
      if (Object.keys(value).length === 0) {
        problems.push({ path: at, message: 'a nested pattern names at least one field' });
        continue;
      }
      const nested = compilePattern(value, at, loose, problems);
      if (nested) rules.push({ kind: 'nested', key, pattern: nested });
    } else {
      problems.push({
        path: at,
        message: `must be a list of values or a nested pattern; wrap a single value in a list: [${JSON.stringify(value)}]`,
      });
    }
  }
  return rules;
}

function matchPattern(pattern: CompiledPattern, detail: unknown): boolean {
  // An array of objects matches when any of its objects does, as EventBridge flattens them.
  if (Array.isArray(detail)) return detail.some((element) => matchPattern(pattern, element));
  const fields = isPlainObject(detail) ? detail : undefined;
  if (detail !== undefined && fields === undefined) return false;
  return pattern.every((rule) => {
    const value = fields?.[rule.key];
    return rule.kind === 'nested' ? matchPattern(rule.pattern, value) : matchValues(rule.matchers, value);
  });
}

function matchValues(matchers: readonly ValueMatcher[], value: unknown): boolean {
  for (const matcher of matchers) {
    if (matcher.kind === 'exists') {
      // `exists` is about the field: present as a value (a leaf, not an object), or absent.
      if (matcher.exists ? value !== undefined && !isPlainObject(value) : value === undefined) return true;
    } else if (value !== undefined) {
      if (Array.isArray(value) ? value.some((element) => matcher.test(element)) : matcher.test(value))
        return true;
    }
  }
  return false;
}
