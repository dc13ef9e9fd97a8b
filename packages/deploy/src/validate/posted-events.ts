import { readFile, stat } from 'node:fs/promises';
import { dirname, extname, join, resolve } from 'node:path';
import { isMapping } from './intrinsic.js';
import type { FunctionModel } from './template-model.js';

/** `postEvent('type', …)` / `createEvent('type', …)` of `@motorcade/lambda`, with a literal type. */
const POSTED = /\b(?:postEvent|createEvent)\s*(?:<[^>()]*>)?\(\s*(['"`])([A-Za-z0-9_.-]+)\1/g;
/** Relative imports and re-exports: the function's own code, never node_modules. */
const RELATIVE_IMPORT =
  /(?:import|export)\s[^'"]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;
/** Block comments and line comments (not `//` inside a URL like `https://`): TSDoc examples are not code. */
const COMMENTS = /\/\*[\s\S]*?\*\/|(^|[^:\\])\/\/.*$/gm;
/** A bound on the files read, so a huge service does not make validation slow. */
const MAX_FILES = 500;

/**
 * The event types a function's code posts through `@motorcade/lambda` with a literal type name:
 * its entry points (as `sam build` finds them) and every file they import relatively. A type
 * computed at run time is not seen, so this finds loops, never proves there are none.
 */
export async function postedEvents(fn: FunctionModel, templateDir: string): Promise<Set<string>> {
  const posted = new Set<string>();
  const codeUri = typeof fn.properties.CodeUri === 'string' ? fn.properties.CodeUri : undefined;
  const handler = typeof fn.properties.Handler === 'string' ? fn.properties.Handler : undefined;
  if (codeUri === undefined || handler === undefined) return posted;
  const root = resolve(templateDir, codeUri);
  const queue = (await entryFiles(fn, root, handler)).filter((file) => file !== undefined);
  const seen = new Set<string>();
  while (queue.length > 0 && seen.size < MAX_FILES) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = await readFile(file, 'utf8').catch(() => undefined);
    if (source === undefined) continue;
    const text = source.replace(COMMENTS, '$1');
    for (const match of text.matchAll(POSTED)) if (match[2] !== undefined) posted.add(match[2]);
    for (const match of text.matchAll(RELATIVE_IMPORT)) {
      const target = match[1] ?? match[2];
      if (target === undefined) continue;
      const found = await sourceFile(resolve(dirname(file), target));
      if (found !== undefined) queue.push(found);
    }
  }
  return posted;
}

async function entryFiles(
  fn: FunctionModel,
  root: string,
  handler: string,
): Promise<Array<string | undefined>> {
  const build = isMapping(fn.metadata?.BuildProperties) ? fn.metadata.BuildProperties : {};
  const declared = Array.isArray(build.EntryPoints)
    ? build.EntryPoints.filter((entry): entry is string => typeof entry === 'string')
    : [handler.slice(0, handler.lastIndexOf('.'))];
  return Promise.all(declared.map((entry) => sourceFile(join(root, entry))));
}

/** A module path as TypeScript resolves it: as written, `.js` written for `.ts`, or with an extension added. */
async function sourceFile(path: string): Promise<string | undefined> {
  const extension = extname(path);
  const base = extension === '' ? path : path.slice(0, -extension.length);
  const candidates = [path, `${base}.ts`, `${base}.mts`, `${base}.js`, `${base}.mjs`, join(path, 'index.ts')];
  for (const candidate of candidates) {
    const info = await stat(candidate).catch(() => undefined);
    if (info?.isFile()) return candidate;
  }
  return undefined;
}
