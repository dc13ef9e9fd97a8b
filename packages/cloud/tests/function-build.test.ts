import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, rmdir, utimes, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BuildRequest,
  type BuildResult,
  buildFunction,
  FunctionBuildError,
} from '../src/lambda/function-build.js';

const execFileAsync = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const fixtures = join(here, 'fixtures', 'build');
// Inside the repo, not the OS temp dir: bundles left external must resolve from the repo's node_modules.
const tmpRoot = join(here, '.tmp');
let workDir: string;

beforeAll(async () => {
  await mkdir(tmpRoot, { recursive: true });
  workDir = await mkdtemp(join(tmpRoot, 'function-build-'));
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
  // Another suite may be using .tmp too; only remove it when it is left empty.
  await rmdir(tmpRoot).catch(() => undefined);
});

/** A fresh copy of a fixture project, so each test may change its files. */
async function project(fixture = 'ts-app'): Promise<string> {
  const dir = await mkdtemp(join(workDir, `${fixture}-`));
  await cp(join(fixtures, fixture), dir, { recursive: true });
  return dir;
}

function request(codeUri: string, overrides: Partial<BuildRequest> = {}): BuildRequest {
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

function esbuild(BuildProperties: Record<string, unknown>): BuildRequest['metadata'] {
  return { BuildMethod: 'esbuild', BuildProperties };
}

/** The file Lambda would load for the result's handler: `<codeDir>/<module>.{js,mjs,cjs}`. */
function handlerFile(result: BuildResult): string {
  const module = result.handler.slice(0, result.handler.lastIndexOf('.'));
  const file = ['.js', '.mjs', '.cjs'].map((ext) => join(result.codeDir, module + ext)).find(existsSync);
  if (file === undefined) throw new Error(`no file for handler ${result.handler} in ${result.codeDir}`);
  return file;
}

/** Calls the built handler in a separate Node process, as a Lambda runtime would load it (no Vitest transforms). */
async function invoke(result: BuildResult, event: unknown = {}): Promise<unknown> {
  const exportName = result.handler.slice(result.handler.lastIndexOf('.') + 1);
  const script = [
    `const mod = await import(${JSON.stringify(pathToFileURL(handlerFile(result)).href)});`,
    `const fn = mod[${JSON.stringify(exportName)}] ?? mod.default?.[${JSON.stringify(exportName)}];`,
    `process.stdout.write(JSON.stringify(await fn(${JSON.stringify(event)})));`,
  ].join('\n');
  const { stdout } = await execFileAsync(process.execPath, ['--input-type=module', '-e', script]);
  return JSON.parse(stdout);
}

async function failure(promise: Promise<unknown>): Promise<FunctionBuildError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(FunctionBuildError);
  return error as FunctionBuildError;
}

describe('buildFunction without a BuildMethod', () => {
  it('runs the code from CodeUri as it is', async () => {
    // Prepare
    const dir = await project();

    // Act
    const result = await buildFunction(request(dir, { metadata: undefined }));

    // Assess
    expect(result).toMatchObject({
      codeDir: dir,
      handler: 'src/app.handler',
      built: false,
      cached: false,
      inputs: [],
    });
  });

  it('names the function and the path when CodeUri does not exist', async () => {
    const missing = join(workDir, 'no-such-dir');

    const error = await failure(buildFunction(request(missing, { metadata: {} })));

    expect(error.code).toBe('FUNCTION_BUILD_FAILED');
    expect(error.message).toBe(
      `Cannot build api/HelloFunction (template.yaml): CodeUri ${missing} does not exist`,
    );
  });
});

describe('buildFunction with BuildMethod esbuild', () => {
  it('bundles a TypeScript handler to the artifact root and shortens its handler as sam build does', async () => {
    const dir = await project();
    const req = request(dir);

    const result = await buildFunction(req);

    expect(result).toMatchObject({ codeDir: req.outDir, handler: 'app.handler', built: true, cached: false });
    expect(handlerFile(result)).toBe(join(req.outDir, 'app.js'));
    await expect(invoke(result, { name: 'Ada' })).resolves.toEqual({ message: 'Hello, Ada!' });
    const bundle = await readFile(join(req.outDir, 'app.js'), 'utf8');
    expect(bundle).toContain('module.exports'); // SAM's default format is cjs
    expect(bundle).not.toMatch(/require\(["']zod["']\)/); // zod is bundled, not left external
  });

  it('lists the source files the bundle read, without node_modules', async () => {
    const dir = await project();

    const { inputs } = await buildFunction(request(dir));

    expect([...inputs].sort()).toEqual([join(dir, 'src', 'app.ts'), join(dir, 'src', 'greeting.ts')]);
  });

  it('keeps the folder layout and the handler when entry points span the CodeUri root', async () => {
    const dir = await project();
    const req = request(dir, { metadata: esbuild({ EntryPoints: ['src/app.ts', 'health.ts'] }) });

    const result = await buildFunction(req);

    expect(result.handler).toBe('src/app.handler');
    expect(existsSync(join(req.outDir, 'health.js'))).toBe(true);
    await expect(invoke(result, { name: 'Bo' })).resolves.toEqual({ message: 'Hello, Bo!' });
  });

  it.each([
    { props: { Format: 'cjs' }, file: 'app.js', marker: 'module.exports' },
    { props: { Format: 'esm' }, file: 'app.js', marker: 'export{' },
    { props: { Format: 'esm', OutExtension: ['.js=.mjs'] }, file: 'app.mjs', marker: 'export{' },
    { props: { Format: 'cjs', OutExtension: ['.js=.cjs'] }, file: 'app.cjs', marker: 'module.exports' },
  ])('builds $props as a callable $file', async ({ props, file, marker }) => {
    const dir = await project();
    const req = request(dir, { metadata: esbuild(props) });

    const result = await buildFunction(req);

    expect(handlerFile(result)).toBe(join(req.outDir, file));
    expect(await readFile(join(req.outDir, file), 'utf8')).toContain(marker);
    await expect(invoke(result, { name: 'Cy' })).resolves.toEqual({ message: 'Hello, Cy!' });
  });

  it.each([
    { External: ['zod'] },
    // sam build reads this as "every dependency in CodeUri's package.json".
    { External: ['./node_modules/*'] },
  ])('leaves zod external with %j, resolved from node_modules above outDir', async (props) => {
    const dir = await project();
    const req = request(dir, { metadata: esbuild(props) });

    const result = await buildFunction(req);

    expect(await readFile(join(req.outDir, 'app.js'), 'utf8')).toMatch(/require\("zod"\)/);
    await expect(invoke(result, { name: 'Di' })).resolves.toEqual({ message: 'Hello, Di!' });
  });

  it('minifies by default and not with Minify: false', async () => {
    const dir = await project();

    const minified = await buildFunction(request(dir));
    const minifiedCode = await readFile(handlerFile(minified), 'utf8');
    const readable = await buildFunction(request(dir, { metadata: esbuild({ Minify: false }) }));
    const readableCode = await readFile(handlerFile(readable), 'utf8');

    expect(minifiedCode).not.toContain('function greet(name)');
    expect(readableCode).toContain('function greet(name)');
    expect(readableCode.length).toBeGreaterThan(minifiedCode.length);
  });

  it('writes a linked source map only with Sourcemap: true', async () => {
    const dir = await project();
    const req = request(dir, { metadata: esbuild({ Sourcemap: true }) });

    await buildFunction(request(dir));
    const withoutMap = await readdir(req.outDir);
    await buildFunction(req);
    const map = JSON.parse(await readFile(join(req.outDir, 'app.js.map'), 'utf8')) as {
      sources: string[];
      sourcesContent?: string[];
    };

    expect(withoutMap.filter((file) => file.endsWith('.map'))).toEqual([]);
    expect(await readFile(join(req.outDir, 'app.js'), 'utf8')).toMatch(
      /\/\/# sourceMappingURL=app\.js\.map\s*$/,
    );
    expect(map.sources.some((source) => source.endsWith('src/greeting.ts'))).toBe(true);
    expect(map.sourcesContent?.length).toBe(map.sources.length);
  });

  it.each([
    { nodeOptions: '--enable-source-maps', Sourcemap: undefined, map: true },
    { nodeOptions: '--enable-source-maps', Sourcemap: false, map: false },
  ])(
    'with NODE_OPTIONS $nodeOptions and Sourcemap $Sourcemap writes a map: $map',
    async ({ nodeOptions, Sourcemap, map }) => {
      const dir = await project();
      const props = Sourcemap === undefined ? {} : { Sourcemap };
      const req = request(dir, { metadata: esbuild(props), environment: { NODE_OPTIONS: nodeOptions } });

      await buildFunction(req);

      expect(existsSync(join(req.outDir, 'app.js.map'))).toBe(map);
    },
  );

  it('leaves the sources out of the map with SourcesContent: false', async () => {
    const dir = await project();
    const req = request(dir, { metadata: esbuild({ Sourcemap: true, SourcesContent: false }) });

    await buildFunction(req);
    const map = JSON.parse(await readFile(join(req.outDir, 'app.js.map'), 'utf8')) as {
      sourcesContent?: unknown;
    };

    expect(map.sourcesContent).toBeUndefined();
  });

  it('targets es2020 by default, as sam build does, so top-level await needs an explicit Target', async () => {
    const dir = await project();
    await writeFile(
      join(dir, 'src', 'app.ts'),
      'const greeting = await Promise.resolve("hi");\nexport const handler = async () => ({ greeting });\n',
    );

    const error = await failure(buildFunction(request(dir, { metadata: esbuild({ Format: 'esm' }) })));
    const result = await buildFunction(
      request(dir, { metadata: esbuild({ Format: 'esm', Target: 'node22' }) }),
    );

    expect(error.message).toContain(
      'src/app.ts:1: Top-level await is not available in the configured target environment ("es2020")',
    );
    await expect(invoke(result)).resolves.toEqual({ greeting: 'hi' });
  });

  it('adds no createRequire banner to esm output, so bundled CommonJS needs Banner to require built-ins', async () => {
    const dir = await project();
    await writeFile(
      join(dir, 'src', 'basename.cjs'),
      "const path = require('node:path');\nmodule.exports = (p) => path.basename(p);\n",
    );
    await writeFile(
      join(dir, 'src', 'app.ts'),
      "import basename from './basename.cjs';\nexport const handler = async () => ({ base: basename('/a/b.txt') });\n",
    );
    const banner =
      "js=import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

    const plain = await buildFunction(request(dir, { metadata: esbuild({ Format: 'esm' }) }));
    await expect(invoke(plain)).rejects.toThrow(/Dynamic require of "node:path" is not supported/);
    const withBanner = await buildFunction(
      request(dir, { metadata: esbuild({ Format: 'esm', Banner: [banner] }) }),
    );

    await expect(invoke(withBanner)).resolves.toEqual({ base: 'b.txt' });
  });

  it('loads other file types with Loader', async () => {
    const dir = await project();
    await writeFile(join(dir, 'src', 'greeting.txt'), 'Hello from a text file');
    await writeFile(
      join(dir, 'src', 'app.ts'),
      "import text from './greeting.txt';\nexport const handler = async () => ({ text });\n",
    );

    const result = await buildFunction(request(dir, { metadata: esbuild({ Loader: ['.txt=text'] }) }));

    await expect(invoke(result)).resolves.toEqual({ text: 'Hello from a text file' });
  });

  it('accepts UseNpmCi, which only matters to the npm install Motorcade does not run', async () => {
    const dir = await project();

    const result = await buildFunction(request(dir, { metadata: esbuild({ UseNpmCi: true }) }));

    expect(result.built).toBe(true);
  });
});

describe('buildFunction cache', () => {
  it('reuses the previous bundle when neither sources nor options changed', async () => {
    const dir = await project();
    const first = await buildFunction(request(dir));

    const second = await buildFunction(request(dir));

    expect(first.cached).toBe(false);
    expect(second).toMatchObject({ cached: true, handler: 'app.handler', inputs: first.inputs });
    expect(existsSync(join(second.codeDir, '.motorcade-build.json'))).toBe(true);
  });

  it('rebuilds after a source change and runs the new code', async () => {
    const dir = await project();
    await buildFunction(request(dir));
    const greeting = join(dir, 'src', 'greeting.ts');
    await writeFile(
      greeting,
      `export function greet(name: string): string {\n  return \`Howdy, \${name}!\`;\n}\n`,
    );

    const result = await buildFunction(request(dir));

    expect(result.cached).toBe(false);
    await expect(invoke(result, { name: 'Ed' })).resolves.toEqual({ message: 'Howdy, Ed!' });
  });

  it('stays cached when a file is touched but its content is the same', async () => {
    const dir = await project();
    await buildFunction(request(dir));
    const later = new Date(Date.now() + 60_000);
    await utimes(join(dir, 'src', 'greeting.ts'), later, later);

    const result = await buildFunction(request(dir));

    expect(result.cached).toBe(true);
  });

  it.each([
    {
      what: 'a BuildProperty changes',
      change: (req: BuildRequest) => ({ ...req, metadata: esbuild({ Minify: false }) }),
    },
    {
      what: 'an output is deleted',
      change: async (req: BuildRequest) => {
        await rm(join(req.outDir, 'app.js'));
        return req;
      },
    },
  ])('rebuilds when $what', async ({ change }) => {
    const dir = await project();
    const req = request(dir);
    await buildFunction(req);

    const result = await buildFunction(await change(req));

    expect(result.cached).toBe(false);
    await expect(invoke(result, { name: 'Flo' })).resolves.toEqual({ message: 'Hello, Flo!' });
  });
});

describe('buildFunction errors', () => {
  it('names an unknown BuildProperty', async () => {
    const dir = await project();

    const error = await failure(
      buildFunction(request(dir, { metadata: esbuild({ Define: ['DEBUG=true'] }) })),
    );

    expect(error.code).toBe('FUNCTION_BUILD_FAILED');
    expect(error.message).toMatch(
      /^Cannot build api\/HelloFunction \(template\.yaml\): unknown BuildProperties key "Define" \(/,
    );
    expect(error.problems).toHaveLength(1);
  });

  it.each([
    { props: { Format: 'iife' }, problem: 'BuildProperties.Format must be cjs or esm, got "iife"' },
    {
      props: { EntryPoints: 'src/app.ts' },
      problem: 'BuildProperties.EntryPoints must be a list of strings',
    },
    { props: { EntryPoints: [] }, problem: 'BuildProperties.EntryPoints must not be empty' },
    { props: { Minify: 'yes' }, problem: 'BuildProperties.Minify must be true or false, got "yes"' },
    {
      props: { Loader: ['.txt=words'] },
      problem: 'BuildProperties.Loader has unknown loader "words" for ".txt"',
    },
    {
      props: { OutExtension: ['.mjs'] },
      problem: 'BuildProperties.OutExtension entries must look like "name=value"',
    },
    { props: { EntryPoints: ['src/missing'] }, problem: 'entry point' },
  ])('rejects $props', async ({ props, problem }) => {
    const dir = await project();

    const error = await failure(buildFunction(request(dir, { metadata: esbuild(props) })));

    expect(error.message).toContain(problem);
  });

  it('says where a syntax error is, in one line', async () => {
    const dir = await project();
    await writeFile(join(dir, 'src', 'app.ts'), 'export const a = 1;\n\nconst y = 1 x;\n');

    const error = await failure(buildFunction(request(dir)));

    expect(error.message).toBe(
      'Cannot build api/HelloFunction (template.yaml): src/app.ts:3: Expected ";" but found "x"',
    );
    expect(error.cause).toHaveProperty('errors');
  });

  it('rebuilds after a failed build instead of serving the old bundle', async () => {
    const dir = await project();
    const req = request(dir);
    await buildFunction(req);
    const app = join(dir, 'src', 'app.ts');
    const source = await readFile(app, 'utf8');
    await writeFile(app, `${source}\nconst broken = ;\n`);
    await failure(buildFunction(req));
    await writeFile(app, source);

    const result = await buildFunction(req);

    expect(result.cached).toBe(false);
  });

  it('refuses a BuildMethod it cannot run', async () => {
    const dir = await project();

    const error = await failure(buildFunction(request(dir, { metadata: { BuildMethod: 'makefile' } })));

    expect(error.message).toContain('Metadata.BuildMethod "makefile" is not supported');
  });

  it('refuses esbuild for a runtime that is not Node.js', async () => {
    const dir = await project();

    const error = await failure(buildFunction(request(dir, { runtime: 'python3.12' })));

    expect(error.message).toContain('Metadata.BuildMethod esbuild needs a nodejs runtime, not python3.12');
  });

  it('refuses an outDir that contains CodeUri, since outDir is emptied', async () => {
    const dir = await project();

    const error = await failure(buildFunction(request(join(dir, 'src'), { outDir: dir })));

    expect(error.message).toContain(`outDir ${dir} contains CodeUri`);
    expect(existsSync(join(dir, 'src', 'app.ts'))).toBe(true);
  });
});
