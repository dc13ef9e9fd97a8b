import type { LambdaService } from './lambda/lambda-service.js';
import type { LogSink } from './lambda/types.js';
import type { ResourceProvider } from './stacks/resource-provider.js';

/** What an AWS service emulation gets from the environment (account) it belongs to. */
export interface EnvironmentContext {
  readonly name: string;
  readonly accountId: string;
  readonly region: string;
  /** This environment's state directory; each service keeps its durable state in a folder of its own. */
  readonly stateDir: string;
  readonly lambda: LambdaService;
  /** The edge's URL, e.g. `http://127.0.0.1:4566` (known once it listens). */
  readonly edgeUrl: () => string;
  /** Delivers a payload to any ARN of this environment (a queue, a function, ...). */
  deliver(targetArn: string, payload: string): Promise<void>;
  readonly logSink: LogSink;
}

/**
 * One AWS service emulated in one environment (SQS, S3, ...). The environment creates it,
 * registers its resource providers with the stack engine, routes ARNs it owns to `deliver`, and
 * starts and closes it with the environment.
 */
export interface LocalService {
  /** Resource providers by CloudFormation type. */
  providers(): Readonly<Record<string, ResourceProvider>>;
  /** Whether `arn` belongs to this service (so `deliver` should get it). */
  owns?(arn: string): boolean;
  deliver?(arn: string, payload: string): Promise<void>;
  /** Loads durable state; runs before the recorded stacks are restored. */
  load?(): Promise<void>;
  /** Starts background work (pollers, timers); runs after the stacks are restored. */
  start?(): void;
  close(): Promise<void>;
}
