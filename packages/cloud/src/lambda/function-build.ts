import { stat } from 'node:fs/promises';
import { bundleWithEsbuild } from './build/esbuild-bundle.js';
import { BuildProblem, FunctionBuildError } from './build/function-build-error.js';

export { FunctionBuildError } from './build/function-build-error.js';

/** One function to build, as the stack engine finds it in a template. */
export interface BuildRequest {
  /** For messages: `<stack>/<LogicalId>`. */
  functionId: string;
  /** The template file the function came from (for error messages). */
  templateFile: string;
  /** Absolute CodeUri directory. */
  codeUri: string;
  /** As in the template, e.g. `app.lambdaHandler` or `src/handlers/create-item.handler`. */
  handler: string;
  /** e.g. `nodejs22.x`. */
  runtime: string;
  /** The resource's Metadata (BuildMethod, BuildProperties) exactly as sam build reads it. */
  metadata?: { BuildMethod?: string; BuildProperties?: Record<string, unknown> };
  /**
   * The function's Environment.Variables. Only `NODE_OPTIONS` is read: sam build turns an unset
   * `Sourcemap` on when it contains `--enable-source-maps`.
   */
  environment?: Readonly<Record<string, string>>;
  /**
   * Absolute output directory reserved for this function; it is emptied before each build. Choose it
   * inside the project (`.motorcade/<env>/build/…`) so Node can walk up from the bundle to the project's
   * node_modules for packages left external, as Lambda finds them in a layer or the runtime.
   */
  outDir: string;
}

/** Where the function's runnable code is, and what it took to get there. */
export interface BuildResult {
  /** Directory the handler resolves from: `outDir` when built, CodeUri otherwise. */
  codeDir: string;
  /** The handler that works against `codeDir` (sam build shortens `src/app.handler` to `app.handler`). */
  handler: string;
  /** False when the function has no `Metadata.BuildMethod` and runs from CodeUri as it is. */
  built: boolean;
  durationMs: number;
  /** Absolute source files the bundle read, node_modules excluded, for a watcher; empty when not built. */
  inputs: string[];
  /** True when the previous build in `outDir` was reused because nothing it read or was told changed. */
  cached: boolean;
}

/**
 * Builds a function's code as `sam build` would, so the template's Handler works unchanged: with
 * `Metadata.BuildMethod: esbuild` the code is bundled into `outDir` with SAM's defaults and the
 * template's `BuildProperties`; without a BuildMethod the code runs from CodeUri.
 * A build whose inputs and options are unchanged since the last one in `outDir` is reused.
 *
 * @throws {@link FunctionBuildError} when CodeUri is missing, the Metadata is invalid or esbuild fails
 *
 * @example
 * ```ts
 * const { codeDir, handler } = await buildFunction({
 *   functionId: 'api/CreateItem', templateFile: 'template.yaml', codeUri: '/app', runtime: 'nodejs22.x',
 *   handler: 'src/handlers/create-item.handler', metadata: { BuildMethod: 'esbuild' },
 *   outDir: '/app/.motorcade/default/build/api/CreateItem',
 * });
 * // codeDir = outDir, handler = 'create-item.handler'
 * ```
 */
export async function buildFunction(request: BuildRequest): Promise<BuildResult> {
  const started = performance.now();
  try {
    await requireDirectory(request.codeUri);
    const method = request.metadata?.BuildMethod;
    if (method === undefined) {
      return {
        codeDir: request.codeUri,
        handler: request.handler,
        built: false,
        durationMs: elapsed(started),
        inputs: [],
        cached: false,
      };
    }
    // sam build also knows `makefile` and layer runtimes; neither can run here without its toolchain.
    if (method !== 'esbuild') {
      throw new BuildProblem(`Metadata.BuildMethod "${method}" is not supported (use esbuild)`);
    }
    // sam build picks its esbuild workflow by runtime language, so esbuild with another runtime is a template error.
    if (!request.runtime.startsWith('nodejs')) {
      throw new BuildProblem(`Metadata.BuildMethod esbuild needs a nodejs runtime, not ${request.runtime}`);
    }
    const bundle = await bundleWithEsbuild({
      codeUri: request.codeUri,
      handler: request.handler,
      outDir: request.outDir,
      buildProperties: request.metadata?.BuildProperties,
      nodeOptions: request.environment?.NODE_OPTIONS,
    });
    return { codeDir: request.outDir, built: true, durationMs: elapsed(started), ...bundle };
  } catch (error) {
    if (!(error instanceof BuildProblem)) throw error;
    throw new FunctionBuildError(request.functionId, request.templateFile, error.problems, {
      cause: error.cause ?? error,
    });
  }
}

async function requireDirectory(codeUri: string): Promise<void> {
  const info = await stat(codeUri).catch(() => undefined);
  if (info === undefined) throw new BuildProblem(`CodeUri ${codeUri} does not exist`);
  if (!info.isDirectory()) throw new BuildProblem(`CodeUri ${codeUri} is not a directory`);
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}
