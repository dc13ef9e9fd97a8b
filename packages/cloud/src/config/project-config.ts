import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { CloudError } from '../errors.js';
import { iotConfigSchema } from '../iot/iot-config.js';

const parameterValues = z.record(z.string(), z.string());

/** The traffic-shifting types of SAM's `DeploymentPreference` (CodeDeploy's Lambda configurations). */
export const DEPLOYMENT_PREFERENCE_TYPES = [
  'Canary10Percent5Minutes',
  'Canary10Percent10Minutes',
  'Canary10Percent15Minutes',
  'Canary10Percent30Minutes',
  'Linear10PercentEvery1Minute',
  'Linear10PercentEvery2Minutes',
  'Linear10PercentEvery3Minutes',
  'Linear10PercentEvery10Minutes',
  'AllAtOnce',
] as const;

/** One of {@link DEPLOYMENT_PREFERENCE_TYPES}. */
export type DeploymentPreferenceType = (typeof DEPLOYMENT_PREFERENCE_TYPES)[number];

const canarySchema = z.enum(DEPLOYMENT_PREFERENCE_TYPES, {
  error: (issue) =>
    `${JSON.stringify(issue.input)} is not a SAM DeploymentPreference type; use one of ${DEPLOYMENT_PREFERENCE_TYPES.join(', ')}`,
});

// Defaults are the seed's: any error or throttle is worth a look, a message waiting 5 minutes is stuck.
const alarmThresholdsSchema = z
  .object({
    /** Errors of one function in one minute. */
    functionErrors: z.number().int().min(1).default(1),
    /** Throttles of one function in one minute. */
    throttles: z.number().int().min(1).default(1),
    /** Age of the oldest message of a queue. */
    queueAgeSeconds: z.number().int().min(60).default(300),
    /** The account's concurrent executions, as a percentage of the environment's `concurrency`. */
    concurrentExecutionsPercent: z.number().min(1).max(100).default(80),
  })
  .strict();

const monitoringSchema = z
  .object({
    /** Whether deploys add the alarms and the `monitoring` stack (default true). */
    enabled: z.boolean().default(true),
    alarms: alarmThresholdsSchema.prefault({}),
    /** Where alarms notify (e.g. SNS topic ARNs); none by default. */
    alarmActions: z.array(z.string().regex(/^arn:/, 'must be an ARN (e.g. an SNS topic)')).default([]),
  })
  .strict();

const environmentSchema = z
  .object({
    account: z.string().regex(/^\d{12}$/, 'must be a 12-digit AWS account id'),
    region: z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, 'must be an AWS region such as eu-west-1'),
    concurrency: z.number().int().positive().default(1000),
    profile: z.string().optional(),
    // Deploy refuses two environments in one AWS account (one concurrency pool) unless each says this.
    sharedAccount: z.boolean().optional(),
    // Production's functions shift traffic to new code gradually and roll back on alarms (docs/deploy.md).
    canary: canarySchema.optional(),
    iot: iotConfigSchema.optional(),
  })
  .strict();

const serviceSchema = z
  .object({
    template: z.string().min(1),
    parameters: parameterValues.optional(),
  })
  .strict();

// The dashboard on AWS: its stack's template and the built files deploy uploads (docs/deploy.md).
const webSchema = z
  .object({
    template: z.string().min(1),
    dist: z.string().min(1),
    // Whether deploy uploads the build's source maps (`*.map`) with it: off, so a public site does
    // not hand out the dashboard's whole source; on for an environment where that is wanted.
    sourceMaps: z.boolean().default(false),
  })
  .strict();

const configSchema = z
  .object({
    services: z.record(z.string().regex(/^[a-z][a-z0-9-]*$/, 'service names are kebab-case'), serviceSchema),
    parameters: parameterValues.optional(),
    environments: z.record(
      z.string().regex(/^[a-z][a-z0-9-]*$/, 'environment names are kebab-case'),
      environmentSchema,
    ),
    monitoring: monitoringSchema.prefault({}),
    web: webSchema.optional(),
  })
  .strict();

export type EnvironmentConfig = z.infer<typeof environmentSchema>;

/** The `monitoring` section, defaults filled in: alarm thresholds and whether AWS deploys add them. */
export type MonitoringConfig = z.infer<typeof monitoringSchema>;

/** A service of the project, with its template path made absolute. */
export interface ServiceConfig {
  readonly name: string;
  readonly templateFile: string;
  readonly parameters: Readonly<Record<string, string>>;
}

/**
 * The dashboard's place in the project, paths made absolute: `motorcade deploy` deploys the
 * template as the `web` stack and uploads `distDir` to its bucket; `motorcade dev` serves `distDir`.
 */
export interface WebConfig {
  readonly templateFile: string;
  readonly distDir: string;
  /** Whether `motorcade deploy` uploads the build's `*.map` files (default false). */
  readonly sourceMaps: boolean;
}

/** `motorcade.config.json`, validated, with paths resolved against the file's directory. */
export interface ProjectConfig {
  readonly file: string;
  readonly rootDir: string;
  readonly services: readonly ServiceConfig[];
  readonly parameters: Readonly<Record<string, string>>;
  readonly environments: Readonly<Record<string, EnvironmentConfig>>;
  /** Alarms and the CloudWatch dashboard of AWS environments (docs/deploy.md). */
  readonly monitoring: MonitoringConfig;
  /** The dashboard as static files on AWS, when the config has a `web` section. */
  readonly web?: WebConfig;
}

/** The config file is missing, not JSON, or not of the documented shape. */
export class ConfigError extends CloudError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('CONFIG_INVALID', message, options);
  }
}

/**
 * Reads and validates `motorcade.config.json`.
 * @example
 * const config = await loadProjectConfig('motorcade.config.json');
 * stackParameters(config, config.services[0], 'local');
 */
export async function loadProjectConfig(file: string): Promise<ProjectConfig> {
  const path = resolve(file);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`${path}: cannot read the project config (${(error as Error).message})`, {
      cause: error,
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${path}: not valid JSON (${(error as Error).message})`, { cause: error });
  }
  const parsed = configSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : '(top level)';
    throw new ConfigError(`${path}: ${where}: ${issue?.message ?? 'invalid'}`, { cause: parsed.error });
  }
  const rootDir = dirname(path);
  return {
    file: path,
    rootDir,
    services: Object.entries(parsed.data.services).map(([name, service]) => ({
      name,
      templateFile: resolve(rootDir, service.template),
      parameters: service.parameters ?? {},
    })),
    parameters: parsed.data.parameters ?? {},
    environments: parsed.data.environments,
    monitoring: parsed.data.monitoring,
    ...(parsed.data.web === undefined
      ? {}
      : {
          web: {
            templateFile: resolve(rootDir, parsed.data.web.template),
            distDir: resolve(rootDir, parsed.data.web.dist),
            sourceMaps: parsed.data.web.sourceMaps,
          },
        }),
  };
}

/** The environment's settings, or a clear error listing the ones the config has. */
export function environmentConfig(config: ProjectConfig, env: string): EnvironmentConfig {
  const found = config.environments[env];
  if (!found) {
    const known = Object.keys(config.environments).join(', ') || 'none';
    throw new ConfigError(`${config.file}: no environment '${env}' (the config has: ${known})`);
  }
  return found;
}

/**
 * The parameter values a service's stack receives in an environment: the top-level `parameters`
 * overlaid by the service's own, `${env}` replaced by the environment's name. The caller passes
 * only those the template declares.
 */
export function stackParameters(
  config: ProjectConfig,
  service: ServiceConfig,
  env: string,
): Record<string, string> {
  const merged = { ...config.parameters, ...service.parameters };
  return Object.fromEntries(
    Object.entries(merged).map(([key, value]) => [key, value.replaceAll('${env}', env)]),
  );
}

/** `<env>-<service>`: the one stack naming rule. */
export function stackName(env: string, service: string): string {
  return `${env}-${service}`;
}
