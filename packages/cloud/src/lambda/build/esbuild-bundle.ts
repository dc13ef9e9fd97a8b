import { existsSync, statSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { type BuildFailure, type BuildOptions, build, type Message, type Metafile, version } from 'esbuild';
import {
  isUpToDate,
  MANIFEST_FILE,
  optionsKey,
  readManifest,
  stampFiles,
  writeManifest,
} from './build-manifest.js';
import { readEsbuildProperties } from './esbuild-properties.js';
import { BuildProblem } from './function-build-error.js';
import { bundledHandler, resolveEntryPoints } from './sam-layout.js';

/** What {@link bundleWithEsbuild} needs from the build request. */
export interface EsbuildBundleRequest {
  readonly codeUri: string;
  readonly handler: string;
  readonly outDir: string;
  readonly buildProperties: Readonly<Record<string, unknown>> | undefined;
  /** The function's `NODE_OPTIONS`, which can turn source maps on. */
  readonly nodeOptions: string | undefined;
}

/** The bundle's handler, its source files and whether the previous bundle was reused. */
export interface EsbuildBundle {
  readonly handler: string;
  readonly inputs: string[];
  readonly cached: boolean;
}

/**
 * Bundles the function into `outDir` with the esbuild JS API and the options `sam build` passes to the
 * esbuild CLI (`--bundle --platform=node --outdir=… --target=es2020 --format=cjs --minify` unless
 * overridden), or reuses the previous bundle when nothing it depends on changed.
 *
 * @throws {@link BuildProblem} for invalid BuildProperties, a missing entry point or esbuild errors
 */
export async function bundleWithEsbuild(request: EsbuildBundleRequest): Promise<EsbuildBundle> {
  const { codeUri, handler, outDir } = request;
  assertSeparate(codeUri, outDir);
  const props = readEsbuildProperties(request.buildProperties, codeUri, request.nodeOptions);
  const options = {
    // Relative entry points and error locations (`src/app.ts:3`) read from CodeUri, as sam build runs esbuild there.
    absWorkingDir: codeUri,
    entryPoints: resolveEntryPoints(codeUri, handler, props.entryPoints),
    outdir: outDir,
    bundle: true,
    platform: 'node',
    target: [...props.target],
    format: props.format,
    minify: props.minify,
    sourcemap: props.sourcemap,
    ...(props.sourcesContent === undefined ? {} : { sourcesContent: props.sourcesContent }),
    ...(props.mainFields === undefined ? {} : { mainFields: [...props.mainFields] }),
    external: [...props.external],
    loader: { ...props.loader },
    outExtension: { ...props.outExtension },
    banner: { ...props.banner },
  } satisfies BuildOptions;

  const key = optionsKey({ esbuild: version, options });
  const previous = await readManifest(outDir);
  if (previous !== undefined && (await isUpToDate(previous, key, outDir))) {
    return { handler: bundledHandler(outDir, handler), inputs: previous.inputs, cached: true };
  }

  // A stale file from an earlier build (an entry since renamed) must not keep an old handler working.
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  let metafile: Metafile;
  try {
    const result = await build({ ...options, metafile: true, logLevel: 'silent', write: true });
    metafile = result.metafile;
  } catch (error) {
    throw new BuildProblem(esbuildProblems(error), { cause: error });
  }
  await writeFile(join(outDir, 'package.json'), moduleScope(props.format));

  const read = Object.keys(metafile.inputs)
    .map((input) => resolve(codeUri, input))
    .filter(isFile);
  const inputs = read.filter((file) => !file.split(sep).includes('node_modules'));
  const outputs = Object.keys(metafile.outputs).map((output) => relative(outDir, resolve(codeUri, output)));
  await writeManifest(outDir, {
    version: 1,
    optionsKey: key,
    files: await stampFiles([...read, ...configFiles(codeUri)]),
    inputs,
    outputs: [...outputs, 'package.json'],
  });
  return { handler: bundledHandler(outDir, handler), inputs, cached: false };
}

/** Emptying outDir before a build must never reach the sources. */
function assertSeparate(codeUri: string, outDir: string): void {
  if (!isAbsolute(outDir)) throw new BuildProblem(`outDir ${outDir} must be an absolute path`);
  const fromOut = relative(outDir, codeUri);
  if (fromOut === '' || (!fromOut.startsWith('..') && !isAbsolute(fromOut))) {
    throw new BuildProblem(`outDir ${outDir} contains CodeUri ${codeUri}; it is emptied before each build`);
  }
}

/**
 * Lambda's /var/task has no package.json, so Node reads a `.js` bundle by its syntax. Ours sits inside
 * the project, whose `"type"` would otherwise decide — and `"type": "module"` breaks SAM's default cjs.
 */
function moduleScope(format: 'cjs' | 'esm'): string {
  const type = format === 'esm' ? 'module' : 'commonjs';
  return `${JSON.stringify({ description: `Motorcade esbuild output (${MANIFEST_FILE} records the build)`, type })}\n`;
}

/** Files esbuild consults without listing them in the metafile: the manifest and the nearest tsconfig. */
function configFiles(codeUri: string): string[] {
  const files = [join(codeUri, 'package.json')].filter(isFile);
  for (let dir = codeUri; ; dir = dirname(dir)) {
    const tsconfig = join(dir, 'tsconfig.json');
    if (existsSync(tsconfig)) return [...files, tsconfig];
    if (dirname(dir) === dir) return files;
  }
}

function esbuildProblems(error: unknown): string[] {
  if (isBuildFailure(error) && error.errors.length > 0) return error.errors.map(formatMessage);
  return [oneLine(error instanceof Error ? error.message : String(error))];
}

function isBuildFailure(error: unknown): error is BuildFailure {
  return error instanceof Error && 'errors' in error && Array.isArray(error.errors);
}

function formatMessage(message: Message): string {
  const { location } = message;
  const text = oneLine(message.text);
  return location === null ? text : `${location.file}:${location.line}: ${text}`;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

function isFile(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
}
