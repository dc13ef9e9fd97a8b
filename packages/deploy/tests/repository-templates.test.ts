import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { repositoryTemplates } from '../src/index.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = join(ROOT, 'packages/cli/bin/motorcade.js');

function motorcade(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: ROOT, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, stdout, stderr });
    });
  });
}

describe('every template in the repository', () => {
  it('passes `motorcade validate` — the config services, services/* and examples/*, new ones included', async () => {
    // Prepare: found afresh on every run, so a service added tomorrow is validated tomorrow.
    const templates = await repositoryTemplates(ROOT);

    // Act
    const result = await motorcade(['validate', ...templates.map((file) => relative(ROOT, file))]);

    // Assess
    expect(templates.length).toBeGreaterThan(0);
    expect(result.stdout + result.stderr).toContain(`${templates.length} template`);
    expect({ code: result.code, output: result.stdout + result.stderr }).toEqual({
      code: 0,
      output: `${templates.length} template${templates.length === 1 ? '' : 's'} valid\n`,
    });
  });
});

describe('repositoryTemplates', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('finds the templates a config names and every services/<name> and examples/<name> template', async () => {
    // Prepare
    const dir = await mkdtemp(join(tmpdir(), 'motorcade-templates-'));
    dirs.push(dir);
    for (const path of ['services/a', 'services/no-template', 'examples/b', 'elsewhere']) {
      await mkdir(join(dir, path), { recursive: true });
    }
    await writeFile(join(dir, 'services/a/template.yaml'), 'Resources: {}\n');
    await writeFile(join(dir, 'examples/b/template.yaml'), 'Resources: {}\n');
    await writeFile(join(dir, 'elsewhere/stack.yaml'), 'Resources: {}\n');
    await writeFile(
      join(dir, 'motorcade.config.json'),
      JSON.stringify({
        services: { a: { template: 'services/a/template.yaml' }, c: { template: 'elsewhere/stack.yaml' } },
      }),
    );

    // Act
    const found = await repositoryTemplates(dir);

    // Assess
    expect(found.map((file) => relative(dir, file))).toEqual([
      'elsewhere/stack.yaml',
      'examples/b/template.yaml',
      'services/a/template.yaml',
    ]);
  });

  it('fails the run when a repository template is broken, naming file, resource and property', async () => {
    // Prepare
    const broken = fileURLToPath(new URL('./fixtures/validate/unknown-property.yaml', import.meta.url));

    // Act
    const result = await motorcade(['validate', relative(ROOT, broken)]);

    // Assess
    expect(result.code).toBe(2);
    expect(result.stdout).toContain(
      'unknown-property.yaml: resource Jobs, property Properties.VisiblityTimeout: AWS::SQS::Queue has no property VisiblityTimeout (did you mean VisibilityTimeout?) [UNKNOWN_PROPERTY]',
    );
    expect(result.stderr).toBe('motorcade: 1 problem in 1 template\n');
  });
});
