import Module from 'node:module';
import { delimiter, dirname, join } from 'node:path';

/**
 * The Lambda Node.js runtime lets handlers that do not bundle the AWS SDK v3 load the copy in the
 * runtime, through NODE_PATH. Locally the SDK is installed with the cloud package: code inside the
 * repository finds it by ordinary resolution; for CommonJS code elsewhere, the node_modules folders
 * above the runtime are appended to require's global search paths — the list NODE_PATH feeds — in
 * this worker only (each worker has its own module loader). The function's own NODE_PATH, if any,
 * keeps precedence and `process.env` is left as the service set it.
 *
 * Limitation: ES module resolution ignores these paths (as it ignores NODE_PATH), so an ES module
 * handler outside the repository must bundle the SDK or load it through `createRequire`.
 */
export function addRuntimeModulePaths(runtimeDir: string): void {
  // `_initPaths` is the loader's (long-stable, undocumented) hook that re-reads NODE_PATH.
  const loader = Module as unknown as { _initPaths?: () => void };
  if (typeof loader._initPaths !== 'function') return;
  const fallback: string[] = [];
  for (let dir = runtimeDir; ; dir = dirname(dir)) {
    if (!dir.endsWith('/node_modules')) fallback.push(join(dir, 'node_modules'));
    if (dirname(dir) === dir) break;
  }
  const own = process.env.NODE_PATH;
  process.env.NODE_PATH = [own, ...fallback].filter((entry) => entry).join(delimiter);
  loader._initPaths();
  if (own === undefined) delete process.env.NODE_PATH;
  else process.env.NODE_PATH = own;
}
