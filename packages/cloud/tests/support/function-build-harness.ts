import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, rmdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { expect } from 'vitest';
import { type BuildRequest, type BuildResult, FunctionBuildError } from '../../src/lambda/function-build.js';

const execFileAsync = promisify(execFile);
const fixtures = fileURLToPath(new URL('../fixtures/build/', import.meta.url));
// Inside the repo, not the OS temp dir: bundles left external must resolve from the repo's node_modules.
const tmpRoot = join(fileURLToPath(new URL('..', import.meta.url)), '.tmp');

/** A temporary directory for one test file's builds, and fresh copies of the build fixtures in it. */
export interface BuildWorkspace {
  /** The directory every project of this workspace is copied into. */
  readonly workDir: string;
  /** A fresh copy of a fixture project, so each test may change its files. */
  project(fixture?: string): Promise<string>;
  /** Removes the workspace, and the shared `.tmp` directory once no other workspace uses it. */
  dispose(): Promise<void>;
}

/**
 * Makes a workspace under `packages/cloud/tests/.tmp`.
 * @example
 * beforeAll(async () => ({ project, workDir, dispose } = await createBuildWorkspace()));
 */
export async function createBuildWorkspace(): Promise<BuildWorkspace> {
  const workDir = await makeWorkDir();
  return {
    workDir,
    async project(fixture = 'ts-app') {
      const dir = await mkdtemp(join(workDir, `${fixture}-`));
      await cp(join(fixtures, fixture), dir, { recursive: true });
      return dir;
    },
    async dispose() {
      await rm(workDir, { recursive: true, force: true });
      // Another test file may be using .tmp too; only remove it when it is left empty.
      await rmdir(tmpRoot).catch(() => undefined);
    },
  };
}

/** Makes this file's directory under `.tmp`, which another file's `dispose` may remove meanwhile. */
async function makeWorkDir(): Promise<string> {
  for (let attempt = 1; ; attempt += 1) {
    await mkdir(tmpRoot, { recursive: true });
    try {
      return await mkdtemp(join(tmpRoot, 'function-build-'));
    } catch (error) {
      // ENOENT: another file removed the empty .tmp between the mkdir and the mkdtemp.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || attempt === 3) throw error;
    }
  }
}

/**
 * A build request for the fixture's HelloFunction in `codeUri`, with esbuild's defaults.
 * @example
 * await buildFunction(request(dir, { runtime: 'python3.12' }));
 */
export function request(codeUri: string, overrides: Partial<BuildRequest> = {}): BuildRequest {
  return {
    functionId: 'api/HelloFunction',
    templateFile: 'template.yaml',
    codeUri,
    handler: 'src/app.handler',
    runtime: 'nodejs22.x',
    metadata: { BuildMethod: 'esbuild' },
    outDir: join(codeUri, '.motorcade', 'test', 'build', 'HelloFunction'),
    ...overrides,
  };
}

/**
 * The Metadata of an esbuild build with these BuildProperties.
 * @example
 * request(dir, { metadata: esbuild({ Minify: false }) });
 */
export function esbuild(BuildProperties: Record<string, unknown>): BuildRequest['metadata'] {
  return { BuildMethod: 'esbuild', BuildProperties };
}

/** The file Lambda would load for the result's handler: `<codeDir>/<module>.{js,mjs,cjs}`. */
export function handlerFile(result: BuildResult): string {
  const module = result.handler.slice(0, result.handler.lastIndexOf('.'));
  const file = ['.js', '.mjs', '.cjs'].map((ext) => join(result.codeDir, module + ext)).find(existsSync);
  if (file === undefined) throw new Error(`no file for handler ${result.handler} in ${result.codeDir}`);
  return file;
}

/** Calls the built handler in a separate Node process, as a Lambda runtime would load it (no Vitest transforms). */
export async function invoke(result: BuildResult, event: unknown = {}): Promise<unknown> {
  const exportName = result.handler.slice(result.handler.lastIndexOf('.') + 1);
  const script = [
    `const mod = await import(${JSON.stringify(pathToFileURL(handlerFile(result)).href)});`,
    `const fn = mod[${JSON.stringify(exportName)}] ?? mod.default?.[${JSON.stringify(exportName)}];`,
    `process.stdout.write(JSON.stringify(await fn(${JSON.stringify(event)})));`,
  ].join('\n');
  const { stdout } = await execFileAsync(process.execPath, ['--input-type=module', '-e', script]);
  return JSON.parse(stdout);
}

/** The error a build refused with; fails the test unless it is a {@link FunctionBuildError}. */
export async function failure(promise: Promise<unknown>): Promise<FunctionBuildError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(FunctionBuildError);
  return error as FunctionBuildError;
}
