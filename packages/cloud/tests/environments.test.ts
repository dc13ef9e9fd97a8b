import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InvokeCommand, LambdaClient, TooManyRequestsException } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalCloud, loadProjectConfig } from '../src/index.js';

const TEMPLATE = fileURLToPath(new URL('./fixtures/environments/template.yaml', import.meta.url));

describe('environments are accounts', () => {
  let dir: string;
  let cloud: LocalCloud;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'motorcade-envs-'));
    await writeFile(
      join(dir, 'motorcade.config.json'),
      JSON.stringify({
        services: { work: { template: TEMPLATE } },
        environments: {
          staging: { account: '111111111111', region: 'eu-west-1', concurrency: 2 },
          production: { account: '222222222222', region: 'eu-central-1', concurrency: 2 },
        },
      }),
    );
    const config = await loadProjectConfig(join(dir, 'motorcade.config.json'));
    cloud = await LocalCloud.start({
      environments: [
        {
          name: 'staging',
          accountId: '111111111111',
          region: 'eu-west-1',
          concurrency: 2,
          stateDir: join(dir, 'staging'),
        },
        {
          name: 'production',
          accountId: '222222222222',
          region: 'eu-central-1',
          concurrency: 2,
          stateDir: join(dir, 'production'),
        },
      ],
      logSink: () => {},
    });
    await cloud.deployProject(config, 'staging');
    await cloud.deployProject(config, 'production');
  });
  afterAll(async () => {
    await cloud.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const client = (env: string, region: string): LambdaClient =>
    new LambdaClient({
      endpoint: cloud.edgeUrl,
      region,
      credentials: { accessKeyId: `motorcade-${env}`, secretAccessKey: 'motorcade' },
      maxAttempts: 1,
    });

  const invoke = async (lambda: LambdaClient, waitMs = 0): Promise<{ account: string; region: string }> => {
    const result = await lambda.send(
      new InvokeCommand({ FunctionName: 'slow', Payload: JSON.stringify({ waitMs }) }),
    );
    return JSON.parse(Buffer.from(result.Payload ?? []).toString('utf8'));
  };

  it('routes a request to the environment whose credentials signed it, each with its own account id', async () => {
    // Act
    const staging = await invoke(client('staging', 'eu-west-1'));
    const production = await invoke(client('production', 'eu-central-1'));

    // Assess
    expect(staging).toEqual({ account: '111111111111', region: 'eu-west-1' });
    expect(production).toEqual({ account: '222222222222', region: 'eu-central-1' });
    expect(cloud.environment('staging').stacks.get('staging-work')?.stackId).toContain(
      ':111111111111:stack/staging-work/',
    );
  });

  it('never lets a runaway function in one environment throttle another', async () => {
    // Prepare: staging's whole pool (2) is busy.
    const staging = client('staging', 'eu-west-1');
    const busy = [invoke(staging, 1500), invoke(staging, 1500)];
    await new Promise((resolve) => setTimeout(resolve, 200));

    // Act
    const throttled = invoke(staging).then(
      () => 'ran',
      (error: unknown) => error,
    );
    const production = await invoke(client('production', 'eu-central-1'));

    // Assess
    expect(await throttled).toBeInstanceOf(TooManyRequestsException);
    expect(production.account).toBe('222222222222');
    await Promise.all(busy);
  });
});
