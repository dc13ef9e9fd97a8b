import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { localSecrets } from '../src/config/local-secrets.js';
import { loadProjectConfig } from '../src/config/project-config.js';

const TEMPLATE = `
Parameters:
  JwtSecret: { Type: String, NoEcho: true }
  WebhookSecret: { Type: String, NoEcho: true }
  PlainSecret: { Type: String }
  DatabaseUrl: { Type: String, NoEcho: true }
Resources:
  Handle: { Type: AWS::CloudFormation::WaitConditionHandle }
`;

describe('local secrets', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'motorcade-secrets-'));
    await writeFile(join(dir, 'template.yaml'), TEMPLATE);
    await writeFile(
      join(dir, 'motorcade.config.json'),
      JSON.stringify({
        services: { users: { template: 'template.yaml', parameters: { WebhookSecret: 'given' } } },
        environments: { local: { account: '000000000000', region: 'eu-west-1' } },
      }),
    );
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('generates a NoEcho *Secret parameter the config does not set, once, and keeps it private', async () => {
    // Prepare
    const config = await loadProjectConfig(join(dir, 'motorcade.config.json'));
    const stateDir = join(dir, '.motorcade', 'local');

    // Act
    const first = await localSecrets(config, stateDir);
    const second = await localSecrets(config, stateDir);

    // Assess
    expect(Object.keys(first)).toEqual(['JwtSecret']);
    expect(first.JwtSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(second).toEqual(first);
    expect(JSON.parse(await readFile(join(stateDir, 'secrets.json'), 'utf8'))).toEqual(first);
    expect((await stat(join(stateDir, 'secrets.json'))).mode & 0o777).toBe(0o600);
  });
});
