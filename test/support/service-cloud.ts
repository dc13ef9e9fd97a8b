import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type FunctionLogLine,
  LocalCloud,
  type LocalCloudOptions,
  loadProjectConfig,
  type ProjectConfig,
  type StackRecord,
} from '@motorcade/cloud';
import { type FreshDatabase, freshDatabase } from './fresh-database.js';

/** The repository root: service templates are found from here. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface ServiceCloudOptions {
  /** Services by name → template path relative to the repo root (and parameters). */
  readonly services: Record<string, { template: string; parameters?: Record<string, string> }>;
  /** Top-level parameters (default: the stack-name parameters every service takes). */
  readonly parameters?: Record<string, string>;
  readonly env?: string;
  readonly accountId?: string;
  /** Extra options for LocalCloud.start (services, routes, mqtt...). */
  readonly cloud?: Partial<LocalCloudOptions>;
}

/** A local cloud with a gateway, a fresh database and the given services deployed. */
export interface ServiceCloud {
  readonly cloud: LocalCloud;
  readonly config: ProjectConfig;
  readonly stacks: StackRecord[];
  readonly database: FreshDatabase;
  readonly logs: FunctionLogLine[];
  /** The gateway URL of a service's API, e.g. `${api('event-bus')}/events`. */
  api(service: string): string;
  stop(): Promise<void>;
}

/**
 * Starts a local cloud on ephemeral ports with a fresh PostgreSQL database (passed as every
 * stack's `DatabaseUrl`) and deploys the services, as `motorcade dev` would.
 * @example
 * const system = await startServiceCloud({ services: { 'event-bus': { template: 'services/event-bus/template.yaml' } } });
 */
export async function startServiceCloud(options: ServiceCloudOptions): Promise<ServiceCloud> {
  const env = options.env ?? 'test';
  const accountId = options.accountId ?? '123456789012';
  const dir = await mkdtemp(join(tmpdir(), 'motorcade-services-'));
  const database = await freshDatabase(env);
  const logs: FunctionLogLine[] = [];
  const configFile = join(dir, 'motorcade.config.json');
  await writeFile(
    configFile,
    JSON.stringify({
      services: Object.fromEntries(
        Object.entries(options.services).map(([name, service]) => [
          name,
          { ...service, template: resolve(REPO_ROOT, service.template) },
        ]),
      ),
      parameters: options.parameters ?? {
        EventBusStackName: '${env}-event-bus',
        UsersStackName: '${env}-users',
        ClientsStackName: '${env}-clients',
        DevicesStackName: '${env}-devices',
        TrackingStackName: '${env}-tracking',
      },
      environments: { [env]: { account: accountId, region: 'eu-west-1', concurrency: 200 } },
    }),
  );
  const config = await loadProjectConfig(configFile);
  const cloud = await LocalCloud.start({
    environments: [
      { name: env, accountId, region: 'eu-west-1', concurrency: 200, stateDir: join(dir, '.motorcade', env) },
    ],
    logSink: (entry) => logs.push(entry),
    gatewayPort: 0,
    customResourceTimeoutSeconds: 60,
    ...options.cloud,
  });
  cloud.setDefaultParameters({ DatabaseUrl: database.url });
  const stop = async (): Promise<void> => {
    await cloud.stop();
    await database.drop();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const stacks = await cloud.deployProject(config, env);
    return {
      cloud,
      config,
      stacks,
      database,
      logs,
      api: (service) => `${cloud.gateway?.url ?? ''}/${service}`,
      stop,
    };
  } catch (error) {
    const output = logs.map((entry) => `${entry.functionName} | ${entry.line}`).join('\n');
    await stop();
    throw new Error(`${(error as Error).message}\n--- function logs ---\n${output}`, { cause: error });
  }
}
