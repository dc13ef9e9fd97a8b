import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  HandlerNotFound,
  ImportModuleError,
  MalformedHandlerName,
  UserCodeSyntaxError,
} from './runtime-errors.js';

/**
 * Loads the handler as the Node.js runtime interface client (v3, nodejs20.x/22.x) does:
 * `dir/sub/module.nested.fn` → module `dir/sub/module` under the task root, tried as
 * (1) the path itself, (2) `.js` via require unless the nearest package.json says `"type": "module"`,
 * (3) `.js` via import when it does, (4) `.mjs` via import, (5) `.cjs` via require, and finally
 * (6) Node resolution of the module name from the task root (a directory's index.js, a package).
 * The function is then found by walking `nested.fn` on the module's exports.
 */

/** A handler as the runtime calls it. */
export type UserHandler = (
  event: unknown,
  context: object,
  callback: (error?: unknown, result?: unknown) => void,
) => unknown;

const FUNCTION_EXPR = /^([^.]*)\.(.*)$/;

const requireFromRuntime = createRequire(import.meta.url);

interface ModuleNotFound {
  readonly code?: unknown;
}

/** CommonJS (extensionless, `.js` outside a `"type": "module"` scope, `.cjs`) loads with require, as on AWS. */
function tryRequire(file: string): unknown {
  return existsSync(file) ? requireFromRuntime(file) : undefined;
}

async function tryImport(file: string): Promise<unknown> {
  return existsSync(file) ? import(pathToFileURL(file).href) : undefined;
}

/** True when the nearest package.json (stopping at node_modules) declares `"type": "module"`. */
function inModuleScope(folder: string): boolean {
  for (let dir = folder; ; dir = dirname(dir)) {
    if (dir.endsWith('/node_modules')) return false;
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        return (JSON.parse(readFileSync(manifest, 'utf8')) as { type?: unknown }).type === 'module';
      } catch (error) {
        console.warn(
          `${manifest} cannot be read, it will be ignored for ES module detection purposes.`,
          error,
        );
        return false;
      }
    }
    if (dirname(dir) === dir) return false;
  }
}

async function loadModule(appRoot: string, moduleRoot: string, moduleName: string): Promise<unknown> {
  const file = resolve(appRoot, moduleRoot, moduleName);
  const extensionless = tryRequire(file);
  if (extensionless) return extensionless;
  const esmScope = inModuleScope(dirname(file));
  if (!esmScope) {
    const loaded = tryRequire(`${file}.js`);
    if (loaded) return loaded;
  }
  const loaded =
    (esmScope && (await tryImport(`${file}.js`))) ||
    (await tryImport(`${file}.mjs`)) ||
    tryRequire(`${file}.cjs`);
  if (loaded) return loaded;
  const resolved = requireFromRuntime.resolve(moduleName, { paths: [appRoot, join(appRoot, moduleRoot)] });
  return requireFromRuntime(resolved);
}

/**
 * Loads the module and returns the handler function.
 * @throws Runtime.MalformedHandlerName, Runtime.ImportModuleError, Runtime.UserCodeSyntaxError,
 *   Runtime.HandlerNotFound — or whatever the module itself throws while loading.
 */
export async function loadHandler(appRoot: string, fullHandler: string): Promise<UserHandler> {
  if (fullHandler.includes('..')) {
    throw new MalformedHandlerName(
      `'${fullHandler}' is not a valid handler name. Use absolute paths when specifying root directories in handler names.`,
    );
  }
  const moduleAndHandler = basename(fullHandler);
  const moduleRoot = fullHandler.substring(0, fullHandler.indexOf(moduleAndHandler));
  const match = FUNCTION_EXPR.exec(moduleAndHandler);
  if (match === null) throw new MalformedHandlerName('Bad handler');
  const [, moduleName = '', handlerPath = ''] = match;

  let userModule: unknown;
  try {
    userModule = await loadModule(appRoot, moduleRoot, moduleName);
  } catch (error) {
    if (error instanceof SyntaxError) throw new UserCodeSyntaxError(error);
    // Only CommonJS's MODULE_NOT_FOUND is wrapped: an ES module's missing import (ERR_MODULE_NOT_FOUND)
    // reaches the invoker as a plain Error, as it does on AWS.
    if ((error as ModuleNotFound | null)?.code === 'MODULE_NOT_FOUND') throw new ImportModuleError(error);
    throw error;
  }

  const handler = handlerPath
    .split('.')
    .reduce<unknown>(
      (nested, key) =>
        nested === null || nested === undefined ? nested : (nested as Record<string, unknown>)[key],
      userModule,
    );
  if (!handler) throw new HandlerNotFound(`${fullHandler} is undefined or not exported`);
  if (typeof handler !== 'function') throw new HandlerNotFound(`${fullHandler} is not a function`);
  return handler as UserHandler;
}
