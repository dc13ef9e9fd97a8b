import { CloudError } from '../../errors.js';

/**
 * A function's code could not be built (or, unbuilt, could not be found). The message is one line
 * that names the function, its template file and every problem; `cause` keeps esbuild's full report.
 *
 * @example
 * `Cannot build api/CreateItem (template.yaml): src/app.ts:3: Expected ";" but found "x"`
 */
export class FunctionBuildError extends CloudError {
  /** `<stack>/<LogicalId>`. */
  readonly functionId: string;
  readonly templateFile: string;
  /** One line each, e.g. `src/app.ts:3: Expected ";" but found "x"` or `unknown BuildProperties key "Define"`. */
  readonly problems: readonly string[];

  constructor(
    functionId: string,
    templateFile: string,
    problems: readonly string[],
    options?: { cause?: unknown },
  ) {
    super(
      'FUNCTION_BUILD_FAILED',
      `Cannot build ${functionId} (${templateFile}): ${problems.join('; ')}`,
      options,
    );
    this.functionId = functionId;
    this.templateFile = templateFile;
    this.problems = problems;
  }
}

/**
 * A problem with the function's build inputs found before or while bundling. Internal: `buildFunction`
 * turns it into a {@link FunctionBuildError}, which knows the function and template.
 */
export class BuildProblem extends Error {
  readonly problems: readonly string[];

  constructor(problems: string | readonly string[], options?: { cause?: unknown }) {
    const list = typeof problems === 'string' ? [problems] : problems;
    super(list.join('; '), options);
    this.name = 'BuildProblem';
    this.problems = list;
  }
}
