import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../bin/motorcade.js', import.meta.url));
const TEMPLATE = fileURLToPath(
  new URL('../../deploy/tests/fixtures/project/producer/template.yaml', import.meta.url),
);

function motorcade(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, stdout, stderr });
    });
  });
}

describe('the AWS commands of the CLI', () => {
  let dir: string;
  let config: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'motorcade-aws-cli-'));
    config = join(dir, 'motorcade.config.json');
    await writeFile(
      config,
      JSON.stringify({
        services: { producer: { template: TEMPLATE } },
        environments: {
          staging: { account: '111111111111', region: 'eu-west-1' },
          production: { account: '111111111111', region: 'eu-west-1' },
        },
      }),
    );
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses to deploy an environment that shares its account, with exit code 3 and no AWS call', async () => {
    // Act
    const result = await motorcade(['deploy', '--config', config, '--env', 'production']);

    // Assess
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(
      /^motorcade: .*environment 'production' shares account 111111111111 with staging.*\[ACCOUNT_SHARED\]\n$/,
    );
  });

  it('never picks an environment for an AWS command', async () => {
    // Act
    const result = await motorcade(['plan', '--config', config]);

    // Assess
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("required option '--env <name>' not specified");
  });

  it('asks for --yes before deleting a stack from AWS', async () => {
    // Act
    const result = await motorcade(['aws-destroy', 'producer', '--config', config, '--env', 'staging']);

    // Assess
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'motorcade: aws-destroy deletes staging-producer and everything in it from AWS; run again with --yes to confirm\n',
    );
  });

  it('names an unknown environment with the ones the config has, exit code 2', async () => {
    // Act
    const result = await motorcade(['deploy', '--config', config, '--env', 'qa']);

    // Assess
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("no environment 'qa' (the config has: staging, production)");
  });
});
