/** One thing wrong with a content pattern, at a path such as `weightKg[0].numeric`. */
export interface FilterProblem {
  readonly path: string;
  readonly message: string;
}

/**
 * A content pattern that cannot be compiled; `problems` holds every mistake found, not only the
 * first, so a template author fixes them in one go.
 * @example
 * throw new FilterError([{ path: 'colour', message: 'must be a list of values' }]);
 */
export class FilterError extends Error {
  readonly problems: readonly FilterProblem[];

  constructor(problems: readonly FilterProblem[]) {
    super(problems.map((problem) => `${problem.path || '(pattern)'}: ${problem.message}`).join('; '));
    this.name = 'FilterError';
    this.problems = problems;
  }
}

/** Joins a field name onto a path: `a` + `b` → `a.b`; names that are not identifiers are quoted. */
export function childPath(path: string, key: string): string {
  const name = /^[A-Za-z_$][\w$-]*$/.test(key) ? key : JSON.stringify(key);
  return path === '' ? name : `${path}.${name}`;
}
