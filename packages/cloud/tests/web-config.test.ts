import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadProjectConfig } from '../src/index.js';

describe('loadProjectConfig: the web section', () => {
  let dir: string;
  let count = 0;

  const load = async (extra: Record<string, unknown>) => {
    count++;
    const file = join(dir, 'project', `config-${count}.json`);
    await writeFile(
      file,
      JSON.stringify({
        services: { a: { template: 'a/template.yaml' } },
        environments: { local: { account: '000000000000', region: 'eu-west-1' } },
        ...extra,
      }),
    );
    return loadProjectConfig(file);
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'motorcade-web-config-'));
    await mkdir(join(dir, 'project'));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("resolves the web template and dist directory against the config's directory", async () => {
    // Act
    const config = await load({ web: { template: 'web/template.yaml', dist: '../build/web' } });

    // Assess
    expect(config.web).toEqual({
      templateFile: join(dir, 'project', 'web', 'template.yaml'),
      distDir: join(dir, 'build', 'web'),
      sourceMaps: false,
    });
  });

  it('takes sourceMaps: true, to upload the source maps with the site', async () => {
    // Act
    const config = await load({ web: { template: 'web/template.yaml', dist: 'web/dist', sourceMaps: true } });

    // Assess
    expect(config.web?.sourceMaps).toBe(true);
  });

  it('has no web section when the config names none', async () => {
    // Act
    const config = await load({});

    // Assess
    expect(config.web).toBeUndefined();
    expect('web' in config).toBe(false);
  });

  it.each([
    [{ web: { template: 'web/template.yaml' } }, /: web\.dist: /],
    [{ web: { template: '', dist: 'web/dist' } }, /: web\.template: /],
    [{ web: { template: 'web/template.yaml', dist: 'web/dist', bucket: 'x' } }, /: web: .*bucket/],
    [{ web: 'web/template.yaml' }, /: web: /],
    [{ web: { template: 'web/template.yaml', dist: 'web/dist', sourceMaps: 'yes' } }, /: web\.sourceMaps: /],
  ])('refuses %j, naming the field', async (extra, message) => {
    // Act
    const loading = load(extra);

    // Assess
    await expect(loading).rejects.toBeInstanceOf(ConfigError);
    await expect(loading).rejects.toThrow(message);
  });
});
