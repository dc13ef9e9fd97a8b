import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  EmbeddedPostgres,
  type EnvironmentSettings,
  environmentConfig,
  LocalCloud,
  loadProjectConfig,
  localSecrets,
  projectDeclaresParameter,
} from '@motorcade/cloud';
import { CliError } from '../cli-error.js';
import { seedDemo } from '../demo-seed.js';
import { edgeFile } from '../edge-client.js';
import { formatLogLine } from '../log-format.js';
import { optionalOption, portOption, wholeNumberOption } from '../number-options.js';
import { type CommonOptions, stateDirectory } from '../project-paths.js';
import { type Simulation, startSimulation } from '../simulator/simulation.js';
import { backlogOption } from './simulate.js';

export interface DevOptions extends CommonOptions {
  readonly edgePort?: string;
  /** The API Gateway port (default 3000, or a free one when taken). */
  readonly port?: string;
  /** The MQTT broker port (default 1883, or a free one when taken). */
  readonly mqttPort?: string;
  /** A PostgreSQL server for the stacks' `DatabaseUrl`; without one the embedded database runs. */
  readonly databaseUrl?: string;
  readonly watch: boolean;
  /** Drive the demo fleet once ready: `true` for every demo vehicle, or a number of them. */
  readonly simulate?: boolean | string;
  /** The items the simulated client system has queued at the start (default one per four vehicles). */
  readonly backlog?: string;
}

const DEFAULT_EDGE_PORT = 4566;
const DEFAULT_GATEWAY_PORT = 3000;
const DEFAULT_MQTT_PORT = 1883;
/** Notices already said: each is said once per run, not once per deploy. */
const notices = new Set<string>();

/**
 * `motorcade dev`: deploys every stack of the config into one environment of a local cloud and
 * serves it until SIGINT/SIGTERM.
 */
export async function dev(options: DevOptions): Promise<void> {
  // Lambda runs in UTC; the workers share the process's time zone.
  process.env.TZ = 'UTC';
  // Options are checked before anything starts, so a typo is not found after a minute of deploying.
  const backlog = backlogOption(options.backlog);
  const fleetSize =
    typeof options.simulate === 'string' ? wholeNumberOption('--simulate', options.simulate, 1, 50) : 20;
  const ports = portOptions(options);
  const config = await loadProjectConfig(options.config);
  const envConfig = environmentConfig(config, options.env);
  const stateDir = stateDirectory(options);
  const settings: EnvironmentSettings = {
    name: options.env,
    accountId: envConfig.account,
    region: envConfig.region,
    concurrency: envConfig.concurrency,
    stateDir,
  };
  const started = Date.now();
  const wantsDatabase = await projectDeclaresParameter(config, 'DatabaseUrl');
  const database = await startDatabase(
    options.databaseUrl ?? process.env.DATABASE_URL,
    stateDir,
    wantsDatabase,
  );
  // The dashboard the config names (`web.dist`), else web/dist beside the config; served once built.
  const webApp = config.web?.distDir ?? join(config.rootDir, 'web', 'dist');
  const cloud = await startCloud(settings, ports, envConfig.iot?.authorizer, webApp);
  const secrets = await localSecrets(config, stateDir);
  cloud.setDefaultParameters({ ...secrets, ...(database.url ? { DatabaseUrl: database.url } : {}) });
  let stopping = false;
  let simulation: Simulation | undefined;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    log(`motorcade: ${signal}, stopping`);
    await simulation?.stop().catch(() => {});
    await cloud.stop();
    await database.stop();
    await rm(edgeFile(stateDir), { force: true });
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  try {
    await mkdir(stateDir, { recursive: true });
    await writeFile(
      edgeFile(stateDir),
      JSON.stringify({
        url: cloud.edgeUrl,
        gateway: cloud.gateway?.url,
        mqtt: cloud.broker?.url,
        pid: process.pid,
      }),
    );
    if (options.port === undefined && cloud.gateway && cloud.gateway.port !== DEFAULT_GATEWAY_PORT) {
      log(
        `motorcade: port ${DEFAULT_GATEWAY_PORT} is taken, the gateway listens on ${cloud.gateway.port} instead`,
      );
    }
    if (options.mqttPort === undefined && cloud.broker && cloud.broker.port !== DEFAULT_MQTT_PORT) {
      log(
        `motorcade: port ${DEFAULT_MQTT_PORT} is taken, the MQTT broker listens on ${cloud.broker.port} instead`,
      );
    }
    const records = await cloud.deployProject(config, options.env, ({ index, total, stackName }) =>
      log(`motorcade: [${index + 1}/${total}] deploying ${stackName}`),
    );
    const functions = records.reduce(
      (count, stack) =>
        count + Object.values(stack.resources).filter((r) => r.type === 'AWS::Lambda::Function').length,
      0,
    );
    const demo = await seedDemo(cloud, options.env, records, stateDir, log, fleetSize);
    log(
      `motorcade: ready in ${Date.now() - started} ms — gateway ${cloud.gateway?.url ?? '(none)'} · edge ${cloud.edgeUrl} · mqtt ${cloud.broker?.url ?? '(none)'} · environment ${options.env} (account ${settings.accountId}, ${settings.region}) · ${records.length} stacks, ${functions} functions · database ${database.description}`,
    );
    if (options.watch) {
      cloud.watch(config, options.env, log);
      log('motorcade: watching sources and templates (a save rebuilds and swaps in the code)');
    }
    if (options.simulate && !demo?.vehicles.some((vehicle) => vehicle.secret))
      log('motorcade: --simulate: the demo has no vehicles with trackers, nothing to drive');
    else if (options.simulate && demo && cloud.gateway) {
      simulation = await startSimulation({
        gateway: cloud.gateway.url,
        ...(cloud.broker ? { mqttUrl: cloud.broker.url } : {}),
        demo,
        vehicles: fleetSize,
        ...(backlog === undefined ? {} : { backlog }),
        log,
        errorLog: join(stateDir, 'simulate.log'),
      });
    }
  } catch (error) {
    await cloud.stop();
    await database.stop();
    await rm(edgeFile(stateDir), { force: true });
    throw error;
  }
}

interface Database {
  readonly url?: string;
  readonly description: string;
  stop(): Promise<void>;
}

/** The database the stacks get as `DatabaseUrl`: the one given, or the embedded one under the state directory. */
async function startDatabase(url: string | undefined, stateDir: string, wanted: boolean): Promise<Database> {
  if (!wanted) return { description: 'none (no stack declares DatabaseUrl)', stop: async () => {} };
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url))
      throw new CliError(`--database-url must be a postgres:// URL, got ${url}`);
    return { url, description: redact(url), stop: async () => {} };
  }
  const embedded = await EmbeddedPostgres.start({ dataDir: join(stateDir, 'database') });
  return { url: embedded.url, description: `${embedded.url} (embedded)`, stop: () => embedded.stop() };
}

/** A URL without its password, for the console. */
function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]+@/, '//$1:***@');
}

/** The ports asked for; undefined where the option was left out (the default, or a free port). */
interface PortChoices {
  readonly edge: number | undefined;
  readonly gateway: number | undefined;
  readonly mqtt: number | undefined;
}

function portOptions(options: DevOptions): PortChoices {
  const port = (name: string, value: string | undefined) =>
    optionalOption(value, (text) => portOption(name, text, { allowEphemeral: true }));
  return {
    edge: port('--edge-port', options.edgePort),
    gateway: port('--port', options.port),
    mqtt: port('--mqtt-port', options.mqttPort),
  };
}

async function startCloud(
  settings: EnvironmentSettings,
  ports: PortChoices,
  deviceAuthorizer: string | undefined,
  webApp: string,
): Promise<LocalCloud> {
  const mqttPort = ports.mqtt ?? DEFAULT_MQTT_PORT;
  const edgePort = ports.edge;
  const gatewayPort = ports.gateway ?? DEFAULT_GATEWAY_PORT;
  const start = async (port: number): Promise<LocalCloud> => {
    try {
      return await LocalCloud.start({
        environments: [settings],
        edgePort: port,
        gatewayPort,
        gatewayPortStrict: ports.gateway !== undefined,
        ...(existsSync(join(webApp, 'index.html')) ? { webApp } : {}),
        mqtt: {
          port: mqttPort,
          strict: ports.mqtt !== undefined,
          ...(deviceAuthorizer ? { authorizer: deviceAuthorizer } : {}),
        },
        onGatewayRequest: log,
        logSink: (entry) => {
          const line = formatLogLine(entry);
          if (line !== undefined) log(line);
        },
        onStackEvent: (event) => {
          if (event.status === 'NOTICE' && event.reason && !notices.has(event.reason)) {
            notices.add(event.reason);
            log(`motorcade: ${event.reason}`);
          }
          if (event.status.endsWith('FAILED'))
            log(`motorcade: ${event.stackName} ${event.logicalId} ${event.status}: ${event.reason ?? ''}`);
        },
      });
    } catch (error) {
      if (
        (error as { code?: string; port?: number }).code === 'EADDRINUSE' &&
        (error as { port?: number }).port === gatewayPort
      ) {
        throw new CliError(
          `--port ${gatewayPort} is already in use; choose another port or leave the option out`,
        );
      }
      throw error;
    }
  };
  if (edgePort !== undefined) {
    try {
      return await start(edgePort);
    } catch (error) {
      if ((error as { code?: string }).code === 'EADDRINUSE') {
        throw new CliError(
          `--edge-port ${edgePort} is already in use; choose another port or leave the option out`,
        );
      }
      throw error;
    }
  }
  try {
    return await start(DEFAULT_EDGE_PORT);
  } catch (error) {
    if ((error as { code?: string }).code !== 'EADDRINUSE') throw error;
    const cloud = await start(0);
    log(`motorcade: port ${DEFAULT_EDGE_PORT} is taken, the edge listens on ${cloud.edge.port} instead`);
    return cloud;
  }
}

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}
