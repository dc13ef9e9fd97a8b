import { ConfigurationError } from '@motorcade/lambda';
import { z } from 'zod';
import type { RetryPolicy } from './domain/retry-policy.js';

// The template sets these from its parameters; a missing or malformed one fails the first
// invocation with a message naming it, rather than running with a guess.
const environmentSchema = z.object({
  DATABASE_URL: z.string().min(1),
  MAX_CAUSATION_DEPTH: z.coerce.number().int().min(1).default(16),
  MAX_DELIVERY_ATTEMPTS: z.coerce.number().int().min(1).default(8),
  RETRY_BASE_SECONDS: z.coerce.number().min(0).default(60),
  RETRY_MAX_SECONDS: z.coerce.number().min(0).default(3_600),
});

/** The bus's settings, from the environment variables the template sets. */
export interface BusSettings {
  readonly databaseUrl: string;
  readonly maxCausationDepth: number;
  readonly retryPolicy: RetryPolicy;
}

/**
 * Reads and checks the bus's settings; throws `ConfigurationError` naming what is missing.
 * @example
 * const { databaseUrl, retryPolicy } = busSettings();
 */
export function busSettings(env: NodeJS.ProcessEnv = process.env): BusSettings {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    const names = parsed.error.issues.map((issue) => issue.path.join('.')).join(', ');
    throw new ConfigurationError(`The event bus's environment is incomplete or invalid: ${names}`);
  }
  const values = parsed.data;
  return {
    databaseUrl: values.DATABASE_URL,
    maxCausationDepth: values.MAX_CAUSATION_DEPTH,
    retryPolicy: {
      maxAttempts: values.MAX_DELIVERY_ATTEMPTS,
      baseSeconds: values.RETRY_BASE_SECONDS,
      maxSeconds: values.RETRY_MAX_SECONDS,
    },
  };
}

/**
 * A required environment variable.
 * @example
 * const token = requiredVariable('OPS_TOKEN');
 */
export function requiredVariable(name: string, env: NodeJS.ProcessEnv = process.env): string {
  const value = env[name];
  if (!value) throw new ConfigurationError(`${name} is not set: the template must set it`);
  return value;
}
