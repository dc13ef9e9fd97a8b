import { join } from 'node:path';
import type { EnvironmentContext, LocalService } from './cloud-service.js';
import { CloudError } from './errors.js';
import { JournalAsyncEventStore } from './lambda/async-event-journal.js';
import { LambdaService } from './lambda/lambda-service.js';
import type { LogSink, TargetRouter } from './lambda/types.js';
import { MetricsRecorder } from './metrics/metrics-recorder.js';
import { SqsService } from './sqs/sqs-service.js';
import type { CustomResourceResponses } from './stacks/custom-resource-responses.js';
import { ExportRegistry } from './stacks/export-registry.js';
import { CustomResourceProvider } from './stacks/providers/custom-resource.js';
import { eventInvokeConfigProvider } from './stacks/providers/event-invoke-config.js';
import { iamProviders } from './stacks/providers/iam.js';
import { lambdaAliasProvider } from './stacks/providers/lambda-alias.js';
import { LambdaFunctionProvider } from './stacks/providers/lambda-function.js';
import { StackEngine, type StackEvent } from './stacks/stack-engine.js';
import { StackStore } from './stacks/stack-store.js';

/**
 * Functions declare `nodejs22.x` but may run on an older host Node; the AWS SDK's warning about
 * the host's version would appear in every function's log, where on Lambda it never does.
 */
const SDK_RUNTIME_NOTICES: Record<string, string> =
  Number(process.versions.node.split('.')[0]) < 22
    ? { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' }
    : {};

export interface EnvironmentSettings {
  /** e.g. `local`, `staging`. */
  readonly name: string;
  /** The account's 12-digit id, in every ARN of this environment. */
  readonly accountId: string;
  readonly region: string;
  /** The account's concurrent executions limit. */
  readonly concurrency: number;
  /** `.motorcade/<env>` by default: stacks, builds, queues. */
  readonly stateDir: string;
}

export interface EnvironmentDependencies {
  /** The edge's URL (known once it listens). */
  readonly edgeUrl: () => string;
  readonly responses: CustomResourceResponses;
  readonly logSink: LogSink;
  readonly onStackEvent?: (event: StackEvent) => void;
  readonly customResourceTimeoutSeconds?: number;
  readonly idleTimeoutMs?: number;
  readonly asyncRetryDelaysMs?: readonly number[];
  /** The AWS services emulated besides Lambda (SQS, S3, ...), created per environment. */
  readonly services?: readonly ServiceFactory[];
  /** Called after each function build. */
  readonly onFunctionBuilt?: (
    functionId: string,
    result: { durationMs: number; cached: boolean; built: boolean },
  ) => void;
}

/** Creates one service of an environment; `name` lets other code find it with `service(name)`. */
export interface ServiceFactory {
  readonly name: string;
  create(context: EnvironmentContext): LocalService;
}

/**
 * One environment is one AWS account: its own account id, concurrency pool, state directory,
 * Lambda service, stacks and exports. Nothing is shared between environments but the edge port,
 * so a runaway function in one can never throttle another.
 */
export class CloudEnvironment {
  readonly settings: EnvironmentSettings;
  readonly lambda: LambdaService;
  readonly stacks: StackEngine;
  readonly exports: ExportRegistry;
  /** The function provider: builds functions, and rebuilds them for the dev loop. */
  readonly functions: LambdaFunctionProvider;
  /** The access key id functions of this environment sign with; the edge maps it back here. */
  readonly accessKeyId: string;
  /** Invocations, errors, throttles, API requests, queue ages and EMF metrics, in time buckets. */
  readonly metrics = new MetricsRecorder();
  readonly #services = new Map<string, LocalService>();
  #sampler: NodeJS.Timeout | undefined;
  readonly #asyncEvents: JournalAsyncEventStore;

  constructor(settings: EnvironmentSettings, dependencies: EnvironmentDependencies) {
    this.settings = settings;
    this.accessKeyId = `motorcade-${settings.name}`;
    this.#asyncEvents = new JournalAsyncEventStore(settings.stateDir);
    const targets: TargetRouter = { deliver: (arn, payload) => this.deliver(arn, payload) };
    const logSink: LogSink = (entry) => {
      this.metrics.recordLogLine(entry.line);
      dependencies.logSink(entry);
    };
    this.lambda = new LambdaService({
      accountId: settings.accountId,
      region: settings.region,
      concurrencyLimit: settings.concurrency,
      runtimeEnvironment: () => ({
        AWS_ENDPOINT_URL: dependencies.edgeUrl(),
        AWS_ACCESS_KEY_ID: this.accessKeyId,
        AWS_SECRET_ACCESS_KEY: 'motorcade',
        AWS_SESSION_TOKEN: `motorcade-session-${settings.name}`,
        ...SDK_RUNTIME_NOTICES,
      }),
      targets,
      logSink,
      onInvocation: (sample) => this.metrics.recordInvocation(sample),
      asyncEventStore: this.#asyncEvents,
      ...(dependencies.idleTimeoutMs === undefined ? {} : { idleTimeoutMs: dependencies.idleTimeoutMs }),
      ...(dependencies.asyncRetryDelaysMs === undefined
        ? {}
        : { asyncRetryDelaysMs: dependencies.asyncRetryDelaysMs }),
    });
    const context: EnvironmentContext = {
      name: settings.name,
      accountId: settings.accountId,
      region: settings.region,
      stateDir: settings.stateDir,
      lambda: this.lambda,
      edgeUrl: dependencies.edgeUrl,
      deliver: (arn, payload) => this.deliver(arn, payload),
      logSink,
    };
    for (const factory of dependencies.services ?? [])
      this.#services.set(factory.name, factory.create(context));
    const serviceProviders = Object.assign(
      {},
      ...[...this.#services.values()].map((service) => service.providers()),
    );
    this.functions = new LambdaFunctionProvider({
      host: this.lambda,
      accountId: settings.accountId,
      region: settings.region,
      buildDir: (stackName, logicalId) => join(settings.stateDir, 'build', stackName, logicalId),
      ...(dependencies.onFunctionBuilt ? { onBuilt: dependencies.onFunctionBuilt } : {}),
    });
    const store = new StackStore(settings.stateDir);
    this.exports = new ExportRegistry(store);
    this.stacks = new StackEngine({
      accountId: settings.accountId,
      region: settings.region,
      store,
      exports: this.exports,
      providers: {
        'AWS::Lambda::Function': this.functions,
        'AWS::Lambda::EventInvokeConfig': eventInvokeConfigProvider(this.lambda),
        'AWS::Lambda::Alias': lambdaAliasProvider(this.lambda),
        'AWS::CloudFormation::CustomResource': new CustomResourceProvider({
          invoker: this.lambda,
          responses: dependencies.responses,
          defaultTimeoutSeconds: dependencies.customResourceTimeoutSeconds ?? 300,
        }),
        ...iamProviders(settings.accountId),
        ...serviceProviders,
      },
      ...(dependencies.onStackEvent ? { onEvent: dependencies.onStackEvent } : {}),
    });
  }

  /** A service of this environment by the name its factory gave, e.g. `env.service<SqsService>('sqs')`. */
  service<T extends LocalService>(name: string): T {
    const service = this.#services.get(name);
    if (!service) throw new CloudError('SERVICE_NOT_RUNNING', `The local cloud runs no '${name}' service`);
    return service as T;
  }

  /** Loads durable state, brings recorded stacks back, then starts background work (pollers, timers). */
  async restore(): Promise<void> {
    for (const service of this.#services.values()) await service.load?.();
    await this.stacks.restore();
    this.lambda.recoverAsyncEvents();
    for (const service of this.#services.values()) service.start?.();
    // Concurrency and queue ages are levels, not events: sample them every second.
    this.#sampler = setInterval(() => this.#sample(), 1000);
    this.#sampler.unref();
  }

  /**
   * Delivers a record to a destination or dead-letter target by ARN. Lambda functions get an
   * asynchronous invoke; queues and topics arrive with the SQS and SNS emulation.
   */
  async deliver(targetArn: string, payload: string): Promise<void> {
    if (targetArn.startsWith('arn:aws:lambda:')) {
      await this.lambda.invoke(targetArn, Buffer.from(payload), { invocationType: 'Event' });
      return;
    }
    // Services given last (a test's stand-in) take precedence over the built-in ones.
    for (const service of [...this.#services.values()].reverse()) {
      if (service.owns?.(targetArn) && service.deliver) {
        await service.deliver(targetArn, payload);
        return;
      }
    }
    throw new CloudError('TARGET_NOT_SUPPORTED', `Delivery to ${targetArn} is not emulated yet`);
  }

  #sample(): void {
    this.metrics.sampleConcurrency(this.lambda.stats().concurrentExecutions);
    const sqs = this.#services.get('sqs');
    if (!(sqs instanceof SqsService)) return;
    for (const [queue, stats] of Object.entries(sqs.stats())) {
      this.metrics.sampleQueueAge(queue, stats.approximateAgeOfOldestMessage);
    }
  }

  async close(): Promise<void> {
    clearInterval(this.#sampler);
    for (const service of this.#services.values()) await service.close();
    await this.lambda.close();
    this.#asyncEvents.close();
  }
}
