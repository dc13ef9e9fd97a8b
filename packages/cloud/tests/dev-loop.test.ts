import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalCloud, loadProjectConfig, type ProjectConfig } from '../src/index.js';

const TEMPLATE = `
AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Version:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: version
      CodeUri: src
      Handler: app.handler
      Runtime: nodejs22.x
      Timeout: 5
    Metadata:
      BuildMethod: esbuild
      BuildProperties:
        EntryPoints: [app.ts]
`;

const source = (version: number): string => `
export const handler = async (event: { waitMs?: number }) => {
  await new Promise((resolve) => setTimeout(resolve, event.waitMs ?? 0));
  return { version: ${version} };
};
`;

describe('the dev loop', () => {
  let dir: string;
  let cloud: LocalCloud;
  let config: ProjectConfig;
  const lines: string[] = [];

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'motorcade-dev-'));
    await mkdir(join(dir, 'svc', 'src'), { recursive: true });
    await writeFile(join(dir, 'svc', 'template.yaml'), TEMPLATE);
    await writeFile(join(dir, 'svc', 'src', 'app.ts'), source(1));
    await writeFile(
      join(dir, 'motorcade.config.json'),
      JSON.stringify({
        services: { svc: { template: 'svc/template.yaml' } },
        environments: { dev: { account: '123456789012', region: 'eu-west-1' } },
      }),
    );
    config = await loadProjectConfig(join(dir, 'motorcade.config.json'));
    cloud = await LocalCloud.start({
      environments: [
        {
          name: 'dev',
          accountId: '123456789012',
          region: 'eu-west-1',
          concurrency: 10,
          stateDir: join(dir, '.motorcade', 'dev'),
        },
      ],
      logSink: () => {},
    });
    await cloud.deployProject(config, 'dev');
    cloud.watch(config, 'dev', (line) => lines.push(line));
  });

  afterEach(async () => {
    await cloud.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const invoke = async (event: unknown = {}): Promise<{ version: number }> => {
    const result = await cloud
      .environment('dev')
      .lambda.invoke('version', Buffer.from(JSON.stringify(event)));
    return JSON.parse(result.payload.toString('utf8'));
  };

  async function waitForVersion(version: number): Promise<number> {
    const started = Date.now();
    while (Date.now() - started < 10_000) {
      if ((await invoke()).version === version) return Date.now() - started;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`version ${version} never arrived; watcher said:\n${lines.join('\n')}`);
  }

  it('rebuilds a saved TypeScript source and serves the new code to new invocations', async () => {
    // Prepare
    expect(await invoke()).toEqual({ version: 1 });

    // Act
    await writeFile(join(dir, 'svc', 'src', 'app.ts'), source(2));

    // Assess
    await waitForVersion(2);
    expect(
      lines.some((line) =>
        /dev-svc.*rebuilt and swapped in \d+ ms|version rebuilt and swapped in \d+ ms/.test(line),
      ),
    ).toBe(true);
  });

  it('lets an invocation in flight finish on the code it started with', async () => {
    // Prepare: a warm environment runs a slow invocation (its code loaded before the save).
    await invoke();
    const slow = invoke({ waitMs: 800 });
    await new Promise((resolve) => setTimeout(resolve, 100));

    // Act
    await writeFile(join(dir, 'svc', 'src', 'app.ts'), source(3));
    await waitForVersion(3);

    // Assess
    expect(await slow).toEqual({ version: 1 });
  });

  it('redeploys when a template is saved', async () => {
    // Prepare
    const changed = TEMPLATE.replace('Timeout: 5', 'Timeout: 7');

    // Act
    await writeFile(join(dir, 'svc', 'template.yaml'), changed);

    // Assess
    const started = Date.now();
    // The function changes during the redeploy; the watcher's line comes once the redeploy is done.
    const redeployed = (): boolean =>
      cloud.environment('dev').lambda.getFunction('version')?.timeoutSeconds === 7 &&
      lines.some((line) => line.includes('template saved, redeployed'));
    while (!redeployed() && Date.now() - started < 10_000) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(cloud.environment('dev').lambda.getFunction('version')?.timeoutSeconds).toBe(7);
    expect(lines.some((line) => line.includes('template saved, redeployed'))).toBe(true);
  });
});
