import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { FunctionConfig } from './types.js';

/** Where the code that runs inside an execution environment lives (LAMBDA_RUNTIME_DIR). */
const RUNTIME_DIR = fileURLToPath(new URL('./worker/', import.meta.url));

/** What the runtime environment depends on beyond the function's own configuration. */
export interface RuntimeEnvContext {
  readonly region: string;
  /** AWS_ENDPOINT_URL and the credentials the functions use, from the service. */
  readonly service: Readonly<Record<string, string>>;
  /** One log stream per execution environment, as on AWS. */
  readonly logStreamName: string;
}

/** Variables the service supplies that a template may not override (Lambda reserves them). */
const RESERVED_SERVICE_KEYS = new Set(['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']);

/** `2025/01/31/[$LATEST]<32 hex>`, the name Lambda gives an execution environment's log stream. */
export function newLogStreamName(now: Date = new Date()): string {
  const date = now.toISOString().slice(0, 10).replaceAll('-', '/');
  return `${date}/[$LATEST]${randomBytes(16).toString('hex')}`;
}

/**
 * The environment variables of one execution environment: the template's variables, then
 * Lambda's reserved ones on top (a template cannot override them on AWS either), then the
 * endpoint and credentials the local cloud gives every function. A template's own
 * AWS_ENDPOINT_URL wins, so a function can deliberately talk to another endpoint.
 */
export function runtimeEnvironment(
  config: FunctionConfig,
  context: RuntimeEnvContext,
): Record<string, string> {
  const env: Record<string, string> = { ...config.environment };
  for (const [key, value] of Object.entries(context.service)) {
    if (RESERVED_SERVICE_KEYS.has(key) || !(key in config.environment)) env[key] = value;
  }
  env.AWS_LAMBDA_FUNCTION_NAME = config.name;
  env.AWS_LAMBDA_FUNCTION_VERSION = '$LATEST';
  env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE = String(config.memoryMb);
  env.AWS_LAMBDA_LOG_GROUP_NAME = `/aws/lambda/${config.name}`;
  env.AWS_LAMBDA_LOG_STREAM_NAME = context.logStreamName;
  env.AWS_LAMBDA_INITIALIZATION_TYPE = 'on-demand';
  env.AWS_REGION = context.region;
  env.AWS_DEFAULT_REGION = context.region;
  env.AWS_EXECUTION_ENV = `AWS_Lambda_${config.runtime}`;
  env.LAMBDA_TASK_ROOT = config.codeDir;
  env.LAMBDA_RUNTIME_DIR = RUNTIME_DIR;
  env._HANDLER = config.handler;
  return env;
}
