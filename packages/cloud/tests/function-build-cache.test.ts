import { existsSync } from 'node:fs';
import { rm, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuildRequest, buildFunction } from '../src/lambda/function-build.js';
import {
  type BuildWorkspace,
  createBuildWorkspace,
  esbuild,
  invoke,
  request,
} from './support/function-build-harness.js';

// When buildFunction reuses the previous bundle and when it builds again.
let project: BuildWorkspace['project'];
let dispose: BuildWorkspace['dispose'];

beforeAll(async () => {
  ({ project, dispose } = await createBuildWorkspace());
});

afterAll(async () => {
  await dispose?.();
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
