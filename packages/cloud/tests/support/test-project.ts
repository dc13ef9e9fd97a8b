import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LambdaClient } from '@aws-sdk/client-lambda';
import {
  type FunctionLogLine,
  LocalCloud,
  type LocalCloudOptions,
  loadProjectConfig,
  type ProjectConfig,
  type StackEvent,
} from '../../src/index.js';

/** The fixture project of the stack tests; other suites pass their own directory to `config`. */
export const FIXTURES = fileURLToPath(new URL('../fixtures/project/', import.meta.url));

export interface TestProject {
  readonly dir: string;
  readonly stateDir: string;
  readonly recordDir: string;
  readonly logs: FunctionLogLine[];
  readonly events: StackEvent[];
  cloud: LocalCloud;
  /** Writes motorcade.config.json; template paths are relative to `fixtures` (default: the stack fixtures). */
  config(
    services: Record<string, { template: string; parameters?: Record<string, string> }>,
    fixtures?: string,
  ): Promise<ProjectConfig>;
  /** Custom resource requests the provider fixture recorded, oldest first. */
  requests(): Promise<Array<Record<string, unknown>>>;
  lambdaClient(): LambdaClient;
  restart(): Promise<void>;
  dispose(): Promise<void>;
}

/** A temporary project directory with its own state directory and a running local cloud. */
export async function createTestProject(
  envName = 'test',
  accountId = '123456789012',
  extra: Pick<LocalCloudOptions, 'services' | 'routes'> = {},
): Promise<TestProject> {
  const dir = await mkdtemp(join(tmpdir(), 'motorcade-test-'));
  const stateDir = join(dir, '.motorcade', envName);
  const recordDir = await mkdtemp(join(dir, 'records-'));
  const logs: FunctionLogLine[] = [];
  const events: StackEvent[] = [];
  const start = () =>
    LocalCloud.start({
      environments: [{ name: envName, accountId, region: 'eu-west-1', concurrency: 50, stateDir }],
      logSink: (entry) => logs.push(entry),
      onStackEvent: (event) => events.push(event),
      customResourceTimeoutSeconds: 5,
      ...extra,
    });
  const project: TestProject = {
    dir,
    stateDir,
    recordDir,
    logs,
    events,
    cloud: await start(),
    async config(services, fixtures = FIXTURES) {
      const file = join(dir, 'motorcade.config.json');
      const absolute = Object.fromEntries(
        Object.entries(services).map(([name, service]) => [
          name,
          { ...service, template: join(fixtures, service.template) },
        ]),
      );
      await writeFile(
        file,
        JSON.stringify({
          services: absolute,
          parameters: { ProviderStackName: '${env}-provider', RecordDir: recordDir },
          environments: { [envName]: { account: accountId, region: 'eu-west-1', concurrency: 50 } },
        }),
      );
      return loadProjectConfig(file);
    },
    async requests() {
      const files = (await readdir(recordDir)).sort();
      return Promise.all(
        files.map(async (file) => JSON.parse(await readFile(join(recordDir, file), 'utf8'))),
      );
    },
    lambdaClient() {
      return new LambdaClient({
        endpoint: project.cloud.edgeUrl,
        region: 'eu-west-1',
        credentials: { accessKeyId: `motorcade-${envName}`, secretAccessKey: 'motorcade' },
      });
    },
    async restart() {
      await project.cloud.stop();
      project.cloud = await start();
    },
    async dispose() {
      await project.cloud.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return project;
}

/** Invokes a function synchronously through the edge with the real SDK and parses its JSON result. */
export async function invokeJson(
  client: LambdaClient,
  functionName: string,
  payload: unknown = {},
): Promise<unknown> {
  const { InvokeCommand } = await import('@aws-sdk/client-lambda');
  const result = await client.send(
    new InvokeCommand({ FunctionName: functionName, Payload: JSON.stringify(payload) }),
  );
  const text = Buffer.from(result.Payload ?? []).toString('utf8');
  if (result.FunctionError) throw new Error(`function error: ${text}`);
  return JSON.parse(text);
}
