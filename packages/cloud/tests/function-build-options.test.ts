import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFunction } from '../src/lambda/function-build.js';
import {
  type BuildWorkspace,
  createBuildWorkspace,
  esbuild,
  failure,
  handlerFile,
  invoke,
  request,
} from './support/function-build-harness.js';

// What buildFunction makes of a function: its code as it is without a BuildMethod, and with esbuild
// a bundle shaped by each BuildProperty as sam build shapes it.
let project: BuildWorkspace['project'];
let workDir: string;
let dispose: BuildWorkspace['dispose'];

beforeAll(async () => {
  ({ project, workDir, dispose } = await createBuildWorkspace());
});

afterAll(async () => {
  await dispose?.();
});

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
