import { statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { BuildProblem } from './function-build-error.js';

/**
 * The entry points sam build bundles: `EntryPoints` if given, else the handler's file (`src/app.handler`
 * → `src/app`, from aws-sam-cli `ApplicationBuilder._get_build_options`). An entry without an extension
 * becomes `.ts`, else `.js`, whichever exists (aws-lambda-builders `_get_explicit_file_type`).
 *
 * @param codeUri - absolute CodeUri, which entry points are relative to
 * @returns entry points relative to CodeUri, with their extension
 * @throws {@link BuildProblem} when an entry point's file does not exist
 */
export function resolveEntryPoints(
  codeUri: string,
  handler: string,
  entryPoints: readonly string[] | undefined,
): string[] {
  const entries = entryPoints ?? [handler.split('.')[0] ?? handler];
  return entries.map((entry) => {
    if (posix.extname(entry) !== '') {
      if (isFile(join(codeUri, entry))) return entry;
    } else {
      const withExtension = ['.ts', '.js'].map((extension) => entry + extension);
      const found = withExtension.find((candidate) => isFile(join(codeUri, candidate)));
      if (found !== undefined) return found;
    }
    throw new BuildProblem(`entry point ${join(codeUri, entry)} does not exist`);
  });
}

/**
 * The handler that works against the bundle. esbuild writes a single entry `src/handlers/create-item.ts`
 * as `create-item.js` at the artifact root, so sam build rewrites `src/handlers/create-item.handler` to
 * `create-item.handler` — but only when `<outDir>/src/handlers/create-item.js` does not exist, to leave
 * working handlers alone (aws-sam-cli `EsbuildBundlerManager._update_function_handler`).
 *
 * @param outDir - absolute directory the bundle was written to
 */
export function bundledHandler(outDir: string, handler: string): string {
  const file = `${posix.join(posix.dirname(handler), posix.basename(handler, posix.extname(handler)))}.js`;
  return isFile(join(outDir, file)) ? handler : posix.basename(handler);
}

function isFile(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
}
