import { formatGatewayLog, GatewayServer, stackApis, staticSiteRoutes } from './apigateway/index.js';
import { BUILTIN_ROUTES, BUILTIN_SERVICES, CATCH_ALL_ROUTES } from './builtin-services.js';
import {
  type ProjectConfig,
  type ServiceConfig,
  stackName,
  stackParameters,
} from './config/project-config.js';
import { SourceWatcher } from './dev/source-watcher.js';
import { cloudFormationResponseRoutes } from './edge/cloudformation-response-api.js';
import type { EdgeRoute } from './edge/edge-route.js';
import { EdgeServer } from './edge/edge-server.js';
import { EnvironmentResolver } from './edge/environment-resolver.js';
import { lambdaApiRoutes } from './edge/lambda-api.js';
import { metricsRoute, motorcadeApiRoutes } from './edge/motorcade-api.js';
import { CloudEnvironment, type EnvironmentDependencies, type EnvironmentSettings } from './environment.js';
import { CloudError } from './errors.js';
import { MqttBroker } from './iot/index.js';
import { CustomResourceResponses } from './stacks/custom-resource-responses.js';
import { orderStacks } from './stacks/deploy-order.js';
import { prepareStack } from './stacks/prepared-stack.js';
import type { StackRecord } from './stacks/stack-record.js';
import {
  ConnectionRegistry,
  connectionsApiRoutes,
  WebSocketGateway,
  webSocketApis,
} from './websocket/index.js';

export interface LocalCloudOptions extends Omit<EnvironmentDependencies, 'edgeUrl' | 'responses'> {
  /** The environments (accounts) this process runs; the first is the default. */
  readonly environments: readonly EnvironmentSettings[];
  /** The edge port; 0 picks a free one. */
  readonly edgePort?: number;
  readonly host?: string;
  /**
   * The API Gateway port: 0 for any free port; a taken port is replaced by a free one unless
   * `gatewayPortStrict`. Without it no gateway runs.
   */
  readonly gatewayPort?: number;
  /** Refuse a taken gateway port instead of picking a free one (a port the user named). */
  readonly gatewayPortStrict?: boolean;
  /**
   * The MQTT broker (the IoT Core stand-in) of the default environment: its port (0 for any free
   * one; a taken port is replaced by a free one unless `strict`) and the device authorizer
   * (`<service>.<LogicalId>`). Without it no broker runs.
   */
  readonly mqtt?: { readonly port: number; readonly strict?: boolean; readonly authorizer?: string };
  /**
   * A built web app's directory (`web/dist`) the gateway serves at `/` where no API's base path
   * matches, with `/_motorcade/metrics` beside it (same origin, so the app needs no CORS).
   */
  readonly webApp?: string;
  /** One line per API request. */
  readonly onGatewayRequest?: (line: string) => void;
  /** Edge routes of the services beyond Lambda, given the resolver that picks a request's environment. */
  readonly routes?: readonly ((resolver: EnvironmentResolver) => EdgeRoute[])[];
}

/** Progress of a whole-project deploy. */
export interface DeployProgress {
  readonly index: number;
  readonly total: number;
  readonly stackName: string;
}

/**
 * The local cloud in one process: its environments and the edge endpoint that reaches them.
 * @example
 * const cloud = await LocalCloud.start({ environments: [{ name: 'local', accountId: '000000000000', region: 'eu-west-1', concurrency: 1000, stateDir: '.motorcade/local' }], logSink: console.log });
 * await cloud.deployProject(config, 'local');
 */
export class LocalCloud {
  readonly edge: EdgeServer;
  /** The API Gateway server, when a gateway port was given. */
  readonly gateway: GatewayServer | undefined;
  readonly #environments: CloudEnvironment[];
  readonly #host: string;
  readonly #watchers: SourceWatcher[] = [];
  #broker: MqttBroker | undefined;
  #webSockets: WebSocketGateway | undefined;
  #stopped = false;
  #defaultParameters: Record<string, string> = {};

  private constructor(
    edge: EdgeServer,
    environments: CloudEnvironment[],
    host: string,
    gateway?: GatewayServer,
  ) {
    this.edge = edge;
    this.gateway = gateway;
    this.#environments = environments;
    this.#host = host;
  }

  /** Starts the edge, creates the environments and restores their recorded stacks. */
  static async start(options: LocalCloudOptions): Promise<LocalCloud> {
    if (options.environments.length === 0)
      throw new CloudError('NO_ENVIRONMENT', 'The local cloud needs at least one environment');
    const host = options.host ?? '127.0.0.1';
    const edge = new EdgeServer({ host });
    const edgeUrl = (): string => `http://${host}:${edge.port}`;
    const responses = new CustomResourceResponses(edgeUrl);
    const services = [...BUILTIN_SERVICES, ...(options.services ?? [])];
    const environments = options.environments.map(
      (settings) => new CloudEnvironment(settings, { ...options, services, edgeUrl, responses }),
    );
    const resolver = new EnvironmentResolver(environments);
    const connections = new ConnectionRegistry();
    const webSockets = new WebSocketGateway({
      environments,
      connections,
      ...(options.onGatewayRequest ? { onLog: options.onGatewayRequest } : {}),
    });
    const gateway =
      options.gatewayPort === undefined
        ? undefined
        : new GatewayServer({
            environments,
            host,
            onUpgrade: webSockets.handleUpgrade,
            localRoutes: options.webApp ? [metricsRoute(resolver), ...staticSiteRoutes(options.webApp)] : [],
            onRequest: (entry) => {
              const env = environments.find((candidate) => candidate.settings.name === entry.environment);
              if (env && entry.api) env.metrics.recordApiRequest(entry.api, entry.status, entry.durationMs);
              options.onGatewayRequest?.(formatGatewayLog(entry));
            },
          });
    edge.use(
      ...motorcadeApiRoutes(resolver, (env, stack) =>
        gateway
          ? [
              ...stackApis(stack, gateway.environmentUrl(env.settings.name)),
              ...webSocketApis(env, stack.name, gateway.environmentUrl(env.settings.name)),
            ]
          : [],
      ),
      ...connectionsApiRoutes(connections),
      ...cloudFormationResponseRoutes(responses),
      ...lambdaApiRoutes((request, accountId) => resolver.resolve(request, accountId).lambda),
      ...[...BUILTIN_ROUTES, ...(options.routes ?? []), ...CATCH_ALL_ROUTES].flatMap((routes) =>
        routes(resolver),
      ),
    );
    await edge.listen(options.edgePort ?? 0);
    const cloud = new LocalCloud(edge, environments, host, gateway);
    cloud.#webSockets = webSockets;
    if (options.mqtt) {
      const broker = new MqttBroker({
        environment: environments[0] as CloudEnvironment,
        host,
        logSink: options.logSink,
        ...(options.mqtt.authorizer ? { authorizer: options.mqtt.authorizer } : {}),
      });
      cloud.#broker = broker;
      try {
        await broker.listen(options.mqtt.port, { fallbackToFreePort: !options.mqtt.strict });
      } catch (error) {
        await cloud.stop();
        throw error;
      }
    }
    if (gateway && options.gatewayPort !== undefined) {
      try {
        await gateway.listen(options.gatewayPort, { fallback: !options.gatewayPortStrict });
      } catch (error) {
        await cloud.stop();
        throw error;
      }
    }
    try {
      for (const env of environments) await env.restore();
    } catch (error) {
      await cloud.stop();
      throw error;
    }
    return cloud;
  }

  /**
   * Parameter values every stack that declares them receives unless the project config sets them,
   * e.g. `DatabaseUrl` of the embedded database.
   */
  setDefaultParameters(values: Readonly<Record<string, string>>): void {
    this.#defaultParameters = { ...values };
  }

  /** The MQTT broker, when one was asked for. */
  get broker(): MqttBroker | undefined {
    return this.#broker;
  }

  get edgeUrl(): string {
    return `http://${this.#host}:${this.edge.port}`;
  }

  get environments(): readonly CloudEnvironment[] {
    return this.#environments;
  }

  environment(name: string): CloudEnvironment {
    const env = this.#environments.find((candidate) => candidate.settings.name === name);
    if (!env) throw new CloudError('ENVIRONMENT_NOT_FOUND', `This local cloud runs no environment '${name}'`);
    return env;
  }

  /**
   * Deploys every service of the project into an environment, each stack after the stacks whose
   * exports it imports. Stops at the first failure (that stack is rolled back).
   */
  async deployProject(
    config: ProjectConfig,
    envName: string,
    onProgress?: (progress: DeployProgress) => void,
  ): Promise<StackRecord[]> {
    const env = this.environment(envName);
    const parameters = (service: ServiceConfig): Record<string, string> => ({
      ...this.#defaultParameters,
      ...stackParameters(config, service, envName),
    });
    const prepared = await Promise.all(
      config.services.map((service) =>
        prepareStack({
          stackName: stackName(envName, service.name),
          service: service.name,
          templateFile: service.templateFile,
          stackId: 'pending',
          accountId: env.settings.accountId,
          region: env.settings.region,
          parameters: parameters(service),
        }),
      ),
    );
    const names = new Set(prepared.map((stack) => stack.stackName));
    const deployedExports = new Map(
      env.exports
        .list()
        .filter((entry) => !names.has(entry.exportingStack))
        .map((entry) => [entry.name, entry.exportingStack]),
    );
    const order = orderStacks(
      prepared.map((stack) => ({
        name: stack.stackName,
        exports: stack.exports.map((entry) => entry.name),
        imports: stack.imports,
      })),
      deployedExports,
    );
    const records: StackRecord[] = [];
    for (const [index, name] of order.entries()) {
      const stack = prepared.find((candidate) => candidate.stackName === name);
      const service = config.services.find((candidate) => candidate.name === stack?.service);
      if (!stack || !service) continue;
      onProgress?.({ index, total: order.length, stackName: name });
      records.push(
        await env.stacks.deploy({
          stackName: name,
          service: service.name,
          templateFile: service.templateFile,
          parameters: parameters(service),
        }),
      );
    }
    return records;
  }

  /**
   * Starts the dev loop for a deployed project: saved sources rebuild and swap in the functions
   * that read them; a saved template redeploys the project.
   */
  watch(config: ProjectConfig, envName: string, log: (line: string) => void): SourceWatcher {
    const env = this.environment(envName);
    const watcher: SourceWatcher = new SourceWatcher({
      sources: () => env.functions.sources(),
      rebuild: (name) => env.functions.rebuild(name),
      templates: config.services.map((service) => service.templateFile),
      redeploy: async () => {
        await this.deployProject(config, envName);
        // A redeploy may add functions with new code directories.
        watcher.close();
        watcher.start();
      },
      log,
    });
    watcher.start();
    this.#watchers.push(watcher);
    return watcher;
  }

  /** Stops everything; stopping twice is harmless. */
  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    for (const watcher of this.#watchers) watcher.close();
    this.#webSockets?.close();
    await this.gateway?.close();
    await this.#broker?.close();
    await this.edge.close();
    await Promise.all(this.#environments.map((env) => env.close()));
  }
}
