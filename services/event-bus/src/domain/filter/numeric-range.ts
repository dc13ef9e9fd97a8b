import type { FilterProblem } from './filter-problem.js';

const LOWER = ['>', '>='] as const;
const UPPER = ['<', '<='] as const;
const OPERATORS: readonly string[] = ['=', ...LOWER, ...UPPER];

type Comparison = { readonly operator: string; readonly operand: number };

/**
 * Compiles `numeric: [">", 0, "<=", 5]` (or one comparison, `["=", 3]`) into a test of numbers.
 * Operands may be strings in a loose pattern (CloudFormation turned the template's numbers into
 * strings); they must still be finite numbers. A range names its lower bound first.
 * @example
 * const test = numericRange(['>', 0, '<=', 5], 'weight[0].numeric', false, problems);
 * test?.(3); // true
 */
export function numericRange(
  spec: unknown,
  path: string,
  loose: boolean,
  problems: FilterProblem[],
): ((value: unknown) => boolean) | undefined {
  const fail = (message: string): undefined => {
    problems.push({ path, message });
    return undefined;
  };
  if (!Array.isArray(spec) || (spec.length !== 2 && spec.length !== 4)) {
    return fail('must be [operator, number] or [">" | ">=", low, "<" | "<=", high]');
  }
  const comparisons: Comparison[] = [];
  for (let index = 0; index < spec.length; index += 2) {
    const operator = spec[index];
    const raw = spec[index + 1];
    if (typeof operator !== 'string' || !OPERATORS.includes(operator)) {
      return fail(`unknown comparison ${JSON.stringify(operator)} (use =, <, <=, >, >=)`);
    }
    const operand =
      typeof raw === 'number' ? raw : loose && typeof raw === 'string' ? Number(raw) : Number.NaN;
    if (!Number.isFinite(operand) || (typeof raw === 'string' && raw.trim() === '')) {
      return fail(`${JSON.stringify(raw)} is not a number`);
    }
    comparisons.push({ operator, operand });
  }
  const [first, second] = comparisons as [Comparison, Comparison | undefined];
  if (second) {
    if (
      !(LOWER as readonly string[]).includes(first.operator) ||
      !(UPPER as readonly string[]).includes(second.operator)
    ) {
      return fail('a range is [">" or ">=", low, "<" or "<=", high]');
    }
    if (first.operand >= second.operand)
      return fail(`the range is empty (${first.operand} to ${second.operand})`);
  }
  return (value) =>
    typeof value === 'number' && Number.isFinite(value) && comparisons.every((c) => compare(value, c));
}

function compare(value: number, { operator, operand }: Comparison): boolean {
  switch (operator) {
    case '=':
      return value === operand;
    case '>':
      return value > operand;
    case '>=':
      return value >= operand;
    case '<':
      return value < operand;
    default:
      return value <= operand;
  }
}
