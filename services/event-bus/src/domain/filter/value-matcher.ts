import type { FilterProblem } from './filter-problem.js';
import { numericRange } from './numeric-range.js';
import { isPlainObject, isScalar, type Scalar, scalarEquals } from './scalar-equality.js';

/** One entry of a field's list: `exists` is about the field itself, every other kind tests values. */
export type ValueMatcher =
  | { readonly kind: 'exists'; readonly exists: boolean }
  | { readonly kind: 'test'; readonly test: (value: unknown) => boolean };

/** The operators supported inside a list entry, as EventBridge names them. */
export const SUPPORTED_OPERATORS = [
  'prefix',
  'suffix',
  'equals-ignore-case',
  'anything-but',
  'numeric',
  'exists',
] as const;

type Problems = FilterProblem[];

/**
 * Compiles one entry of a field's list: a scalar (exact value) or a one-key operator object
 * (`{ "prefix": "EU-" }`, `{ "numeric": [">", 100] }`, ...). Records a problem and returns
 * `undefined` when the entry is invalid.
 * @example
 * const matcher = compileValueMatcher({ prefix: 'EU-' }, 'route[0]', false, problems);
 */
export function compileValueMatcher(
  entry: unknown,
  path: string,
  loose: boolean,
  problems: Problems,
): ValueMatcher | undefined {
  if (isScalar(entry)) return { kind: 'test', test: (value) => scalarEquals(entry, value, loose) };
  if (!isPlainObject(entry)) {
    problems.push({ path, message: 'must be a value or an operator object such as {"prefix": "a"}' });
    return undefined;
  }
  const keys = Object.keys(entry);
  const operator = keys[0];
  if (keys.length !== 1 || operator === undefined) {
    problems.push({ path, message: `an operator object has exactly one key (got ${keys.length})` });
    return undefined;
  }
  const spec = entry[operator];
  const at = `${path}.${operator}`;
  const test = (made: ((value: unknown) => boolean) | undefined): ValueMatcher | undefined =>
    made && { kind: 'test', test: made };
  switch (operator) {
    case 'prefix':
      return test(stringTest(spec, at, problems, (value, text) => value.startsWith(text)));
    case 'suffix':
      return test(stringTest(spec, at, problems, (value, text) => value.endsWith(text)));
    case 'equals-ignore-case':
      return test(ignoreCase(spec, at, problems));
    case 'anything-but':
      return test(anythingBut(spec, at, loose, problems));
    case 'numeric':
      return test(numericRange(spec, at, loose, problems));
    case 'exists': {
      const exists =
        spec === true || (loose && spec === 'true')
          ? true
          : spec === false || (loose && spec === 'false')
            ? false
            : undefined;
      if (exists === undefined) {
        problems.push({ path: at, message: 'must be true or false' });
        return undefined;
      }
      return { kind: 'exists', exists };
    }
    default:
      problems.push({
        path,
        message: `operator ${JSON.stringify(operator)} is not supported (supported: ${SUPPORTED_OPERATORS.join(', ')})`,
      });
      return undefined;
  }
}

/** `prefix` / `suffix`: a string, or `{ "equals-ignore-case": string }` to ignore case. */
function stringTest(
  spec: unknown,
  path: string,
  problems: Problems,
  check: (value: string, text: string) => boolean,
): ((value: unknown) => boolean) | undefined {
  if (typeof spec === 'string') return (value) => typeof value === 'string' && check(value, spec);
  if (
    isPlainObject(spec) &&
    Object.keys(spec).length === 1 &&
    typeof spec['equals-ignore-case'] === 'string'
  ) {
    const text = spec['equals-ignore-case'].toLowerCase();
    return (value) => typeof value === 'string' && check(value.toLowerCase(), text);
  }
  problems.push({ path, message: 'must be a string or {"equals-ignore-case": string}' });
  return undefined;
}

function ignoreCase(
  spec: unknown,
  path: string,
  problems: Problems,
): ((value: unknown) => boolean) | undefined {
  const texts = Array.isArray(spec) ? spec : [spec];
  if (texts.length === 0 || !texts.every((text): text is string => typeof text === 'string')) {
    problems.push({ path, message: 'must be a string (or, inside anything-but, a list of strings)' });
    return undefined;
  }
  const lowered = new Set(texts.map((text) => text.toLowerCase()));
  return (value) => typeof value === 'string' && lowered.has(value.toLowerCase());
}

/**
 * `anything-but`: a value, a list of values (all strings or all numbers), or a string operator
 * (`prefix`, `suffix`, `equals-ignore-case`) whose negation it is. It never matches a missing field.
 */
function anythingBut(
  spec: unknown,
  path: string,
  loose: boolean,
  problems: Problems,
): ((value: unknown) => boolean) | undefined {
  if (isPlainObject(spec)) {
    const keys = Object.keys(spec);
    const before = problems.length;
    const inner = keys.length === 1 ? negatable(keys[0] ?? '', spec, path, problems) : undefined;
    if (!inner) {
      if (problems.length === before) {
        problems.push({
          path,
          message: 'takes a value, a list, or one of prefix, suffix, equals-ignore-case',
        });
      }
      return undefined;
    }
    return (value) => typeof value === 'string' && !inner(value);
  }
  const values = Array.isArray(spec) ? spec : [spec];
  const allStrings = values.every((value) => typeof value === 'string');
  const allNumbers = values.every((value) => typeof value === 'number');
  if (values.length === 0 || !(allStrings || allNumbers)) {
    problems.push({
      path,
      message: 'must be a string, a number, or a non-empty list of only strings or only numbers',
    });
    return undefined;
  }
  const excluded = values as Scalar[];
  return (value) => isScalar(value) && !excluded.some((entry) => scalarEquals(entry, value, loose));
}

/** The string operators `anything-but` can negate. */
function negatable(
  operator: string,
  spec: Record<string, unknown>,
  path: string,
  problems: Problems,
): ((value: unknown) => boolean) | undefined {
  const at = `${path}.${operator}`;
  switch (operator) {
    case 'prefix':
      return stringTest(spec.prefix, at, problems, (value, text) => value.startsWith(text));
    case 'suffix':
      return stringTest(spec.suffix, at, problems, (value, text) => value.endsWith(text));
    case 'equals-ignore-case':
      return ignoreCase(spec[operator], at, problems);
    default:
      return undefined;
  }
}
