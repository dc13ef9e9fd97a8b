import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFunction } from '../src/lambda/function-build.js';
import {
  type BuildWorkspace,
  createBuildWorkspace,
  esbuild,
  failure,
  request,
} from './support/function-build-harness.js';

// The builds buildFunction refuses, and what its errors say.
let project: BuildWorkspace['project'];
let dispose: BuildWorkspace['dispose'];

beforeAll(async () => {
  ({ project, dispose } = await createBuildWorkspace());
});

afterAll(async () => {
  await dispose?.();
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
