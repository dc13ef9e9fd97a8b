import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Loader } from 'esbuild';
import { BuildProblem } from './function-build-error.js';

/**
 * SAM's esbuild `BuildProperties`, read the way `sam build` reads them and with its defaults applied.
 * Sources: aws-sam-cli `ResourceMetadataNormalizer.normalize_build_properties` and `ApplicationBuilder.
 * _get_build_options`; aws-lambda-builders `nodejs_npm_esbuild/esbuild.py` (`EsbuildCommandBuilder`)
 * and `actions.py` (`EsbuildBundleAction`).
 */
export interface EsbuildProperties {
  /** Relative to CodeUri; undefined when the template gives none (the handler's file is used). */
  readonly entryPoints: readonly string[] | undefined;
  readonly minify: boolean;
  readonly sourcemap: boolean;
  readonly sourcesContent: boolean | undefined;
  readonly target: readonly string[];
  readonly format: 'cjs' | 'esm';
  readonly mainFields: readonly string[] | undefined;
  readonly external: readonly string[];
  readonly loader: Readonly<Record<string, Loader>>;
  readonly outExtension: Readonly<Record<string, string>>;
  readonly banner: Readonly<Record<string, string>>;
}

/** Properties sam build knows, by the snake_case name its normaliser produces from `EntryPoints` etc. */
const KNOWN_PROPERTIES = [
  'entry_points',
  'minify',
  'sourcemap',
  'sources_content',
  'target',
  'format',
  'main_fields',
  'external',
  'loader',
  'out_extension',
  'banner',
  // Chooses `npm ci` over `npm install` for SAM's dependency install; Motorcade installs nothing.
  'use_npm_ci',
] as const;
type KnownProperty = (typeof KNOWN_PROPERTIES)[number];

const LOADERS = [
  'base64',
  'binary',
  'copy',
  'css',
  'dataurl',
  'default',
  'empty',
  'file',
  'js',
  'json',
  'jsx',
  'local-css',
  'text',
  'ts',
  'tsx',
] as const satisfies readonly Loader[];

/** The value in `External` that makes sam build mark every package.json dependency external instead. */
const ALL_DEPENDENCIES = './node_modules/*';

/**
 * Reads `Metadata.BuildProperties` for an esbuild function. Keys are normalised as sam build does
 * (`EntryPoints` → `entry_points`, so `entryPoints` and `entry_points` work too); a key that is still
 * unknown is rejected rather than silently ignored, because a typo would otherwise build something else.
 *
 * @param codeUri - absolute CodeUri, where `package.json` is read for `External: ['./node_modules/*']`
 * @param nodeOptions - the function's `NODE_OPTIONS`; `--enable-source-maps` there turns an unset
 *   `Sourcemap` on, as sam build does (aws-sam-cli `EsbuildBundlerManager.set_sourcemap_metadata_from_env`)
 * @throws {@link BuildProblem} naming the property for an unknown key or a value of the wrong shape
 */
export function readEsbuildProperties(
  buildProperties: Readonly<Record<string, unknown>> | undefined,
  codeUri: string,
  nodeOptions?: string,
): EsbuildProperties {
  const props = new Map<KnownProperty, { key: string; value: unknown }>();
  const unknown: string[] = [];
  for (const [key, value] of Object.entries(buildProperties ?? {})) {
    const normalised = key.replace(/(?<!^)(?=[A-Z])/g, '_').toLowerCase();
    const known = KNOWN_PROPERTIES.find((name) => name === normalised);
    if (known === undefined) unknown.push(`unknown BuildProperties key "${key}"`);
    else props.set(known, { key, value });
  }
  if (unknown.length > 0) {
    throw new BuildProblem(
      unknown.map((problem) => `${problem} (esbuild builds accept ${supportedNames()})`),
    );
  }

  const read = <T>(name: KnownProperty, parse: (key: string, value: unknown) => T): T | undefined => {
    const entry = props.get(name);
    return entry === undefined || entry.value === null ? undefined : parse(entry.key, entry.value);
  };

  const entryPoints = read('entry_points', stringList);
  if (entryPoints?.length === 0) throw new BuildProblem('BuildProperties.EntryPoints must not be empty');

  const external = read('external', stringList) ?? [];
  return {
    entryPoints,
    // sam build adds --minify only when the template does not mention Minify.
    minify: read('minify', boolean) ?? true,
    sourcemap:
      read('sourcemap', boolean) ?? nodeOptions?.split(/\s+/).includes('--enable-source-maps') ?? false,
    sourcesContent: read('sources_content', boolean),
    // sam build's default is es2020, whatever the runtime (see docs/function-build.md).
    target: read('target', commaList) ?? ['es2020'],
    format: read('format', format) ?? 'cjs',
    mainFields: read('main_fields', commaList),
    // sam build replaces the whole External list with the manifest's dependencies in this case.
    external: external.includes(ALL_DEPENDENCIES) ? manifestDependencies(codeUri) : external,
    loader: read('loader', loaderPairs) ?? {},
    outExtension: read('out_extension', pairs) ?? {},
    banner: read('banner', pairs) ?? {},
  };
}

function supportedNames(): string {
  const pascal = (name: string): string =>
    name
      .split('_')
      .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
      .join('');
  return KNOWN_PROPERTIES.map(pascal).join(', ');
}

function boolean(key: string, value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  // Templates written as JSON or passed through parameters sometimes carry booleans as strings.
  if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  throw new BuildProblem(`BuildProperties.${key} must be true or false, got ${JSON.stringify(value)}`);
}

function string(key: string, value: unknown): string {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  throw new BuildProblem(`BuildProperties.${key} must be a string, got ${JSON.stringify(value)}`);
}

/** `Target: node22,es2020` and `MainFields: module,main` are one comma-separated string, as esbuild's CLI takes. */
function commaList(key: string, value: unknown): string[] {
  return string(key, value)
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function stringList(key: string, value: unknown): string[] {
  if (Array.isArray(value) && value.every((item): item is string => typeof item === 'string')) return value;
  throw new BuildProblem(`BuildProperties.${key} must be a list of strings, got ${JSON.stringify(value)}`);
}

function format(key: string, value: unknown): 'cjs' | 'esm' {
  const text = string(key, value);
  if (text === 'cjs' || text === 'esm') return text;
  throw new BuildProblem(`BuildProperties.${key} must be cjs or esm, got ${JSON.stringify(value)}`);
}

/** `Loader: ['.png=file']`, `OutExtension: ['.js=.mjs']`, `Banner: ['js=…']`: split at the first `=`, as esbuild's CLI does. */
function pairs(key: string, value: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  for (const item of stringList(key, value)) {
    const at = item.indexOf('=');
    if (at <= 0)
      throw new BuildProblem(`BuildProperties.${key} entries must look like "name=value", got "${item}"`);
    result[item.slice(0, at)] = item.slice(at + 1);
  }
  return result;
}

function loaderPairs(key: string, value: unknown): Record<string, Loader> {
  const result: Record<string, Loader> = {};
  for (const [extension, name] of Object.entries(pairs(key, value))) {
    const loader = LOADERS.find((candidate) => candidate === name);
    if (loader === undefined) {
      throw new BuildProblem(`BuildProperties.${key} has unknown loader "${name}" for "${extension}"`);
    }
    result[extension] = loader;
  }
  return result;
}

function manifestDependencies(codeUri: string): string[] {
  let text: string;
  try {
    text = readFileSync(join(codeUri, 'package.json'), 'utf8');
  } catch {
    return [];
  }
  try {
    const manifest: unknown = JSON.parse(text);
    const dependencies =
      typeof manifest === 'object' && manifest !== null && 'dependencies' in manifest
        ? manifest.dependencies
        : {};
    return typeof dependencies === 'object' && dependencies !== null ? Object.keys(dependencies) : [];
  } catch (error) {
    throw new BuildProblem(`${join(codeUri, 'package.json')} is not valid JSON`, { cause: error });
  }
}
