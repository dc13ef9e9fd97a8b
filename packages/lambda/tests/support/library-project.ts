import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type FunctionLogLine,
  LocalCloud,
  loadProjectConfig,
  type ProjectConfig,
} from '../../../cloud/src/index.js';

export const ENV = 'test';
export const ACCOUNT = '123456789012';
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
// Inside the repository: the bundles' state directory must see the repository's node_modules.
const TMP = fileURLToPath(new URL('../.tmp/', import.meta.url));

/** A local cloud with a project whose services are this package's fixture templates. */
export interface LibraryProject {
  readonly cloud: LocalCloud;
  readonly logs: FunctionLogLine[];
  config(services: Record<string, string>): Promise<ProjectConfig>;
  /** Invokes a function of the `test` environment in process and parses its JSON result. */
  invoke(functionName: string, payload: unknown): Promise<{ result: unknown; functionError?: string }>;
  dispose(): Promise<void>;
}

export async function createLibraryProject(): Promise<LibraryProject> {
  await mkdir(TMP, { recursive: true });
  const dir = await mkdtemp(join(TMP, 'project-'));
  const logs: FunctionLogLine[] = [];
  const cloud = await LocalCloud.start({
    environments: [
      {
        name: ENV,
        accountId: ACCOUNT,
        region: 'eu-west-1',
        concurrency: 20,
        stateDir: join(dir, '.motorcade', ENV),
      },
    ],
    logSink: (entry) => logs.push(entry),
  });
  return {
    cloud,
    logs,
    async config(services) {
      const file = join(dir, 'motorcade.config.json');
      await writeFile(
        file,
        JSON.stringify({
          services: Object.fromEntries(
            Object.entries(services).map(([name, template]) => [
              name,
              { template: join(FIXTURES, template) },
            ]),
          ),
          parameters: { LibraryStackName: `${ENV}-library`, DatabaseUrl: TEST_DATABASE_URL },
          environments: { [ENV]: { account: ACCOUNT, region: 'eu-west-1', concurrency: 20 } },
        }),
      );
      return loadProjectConfig(file);
    },
    async invoke(functionName, payload) {
      const outcome = await cloud
        .environment(ENV)
        .lambda.invoke(functionName, Buffer.from(JSON.stringify(payload)));
      const text = outcome.payload.toString('utf8');
      return {
        result: text === '' ? undefined : JSON.parse(text),
        ...(outcome.functionError ? { functionError: outcome.functionError } : {}),
      };
    },
    async dispose() {
      await cloud.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
