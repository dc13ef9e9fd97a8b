import { join } from 'node:path';
import { environmentConfig, type ProjectConfig } from '@motorcade/cloud';
import { DeployBucket, deployBucketName } from './artifacts/deploy-bucket.js';
import { cloudFunctionBundler, type FunctionBundler } from './artifacts/function-bundler.js';
import { assertAccount, assertAccountNotShared } from './aws/account-guard.js';
import { type AwsClients, awsClients } from './aws/aws-clients.js';
import { DeployError } from './errors.js';
import { type PreparedStack, prepareStacks } from './stacks/prepare-stacks.js';
import { POLL_INTERVAL_MS, type Sleep } from './stacks/stack-watch.js';
import { formatFinding } from './validate/finding.js';
import { validateDocument } from './validate/validate-template.js';

/** Options shared by plan, deploy and destroy. */
export interface DeployOptions {
  readonly config: ProjectConfig;
  /** The environment; never defaulted, so nothing reaches AWS by accident. */
  readonly env: string;
  /** Limit to these services (default: all, in import order). */
  readonly services?: readonly string[];
  /** Default: clients for the environment's region and profile. */
  readonly clients?: AwsClients;
  /** One line per step; default: standard output. */
  readonly progress?: (line: string) => void;
  /** Default: a real timer. */
  readonly sleep?: Sleep;
  readonly pollIntervalMs?: number;
  /** Default: the local cloud's `sam build`-compatible esbuild bundling. */
  readonly bundle?: FunctionBundler;
  /** Where NoEcho parameters are read from; default `process.env`. */
  readonly variables?: Readonly<Record<string, string | undefined>>;
}

/** A checked environment: the account proved, the stacks prepared and validated. */
export interface DeploySession {
  readonly env: string;
  readonly account: string;
  readonly region: string;
  readonly clients: AwsClients;
  readonly stacks: readonly PreparedStack[];
  readonly bucket: DeployBucket;
  readonly progress: (line: string) => void;
  readonly sleep: Sleep;
  readonly pollIntervalMs: number;
  readonly bundle: FunctionBundler;
  /** `.motorcade/<env>/deploy`: where bundles are written. */
  readonly buildDir: string;
}

const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Everything that must hold before any change reaches AWS, in this order: the environment exists
 * and does not share its account unannounced; every template validates (when `validate` is set);
 * the credentials are the environment's account (STS GetCallerIdentity).
 *
 * @throws DeployError `CONFIG_INVALID`, `ACCOUNT_SHARED`, `TEMPLATE_INVALID` or `ACCOUNT_MISMATCH`
 */
export async function openSession(options: DeployOptions, validate: boolean): Promise<DeploySession> {
  const { config, env } = options;
  let target: ReturnType<typeof environmentConfig>;
  try {
    target = environmentConfig(config, env);
  } catch (error) {
    throw new DeployError('CONFIG_INVALID', (error as Error).message, { cause: error });
  }
  assertAccountNotShared(config.environments, env, config.file);
  const stacks = await prepareStacks(
    config,
    { env, account: target.account, region: target.region },
    options.variables ?? process.env,
    options.services,
  );
  if (validate) await assertValid(stacks);
  const variables = options.variables ?? process.env;
  // A config's profile is for laptops; CI passes credentials as variables, which then win.
  const ciCredentials =
    variables.AWS_ACCESS_KEY_ID !== undefined || variables.AWS_WEB_IDENTITY_TOKEN_FILE !== undefined;
  const clients =
    options.clients ??
    awsClients(
      ciCredentials ? { region: target.region } : { region: target.region, profile: target.profile },
    );
  const progress = options.progress ?? ((line: string) => process.stdout.write(`${line}\n`));
  const caller = await assertAccount(clients.sts, env, target.account);
  progress(`${env}: account ${target.account} (${caller}), ${target.region}`);
  return {
    env,
    account: target.account,
    region: target.region,
    clients,
    stacks,
    bucket: new DeployBucket(clients.s3, deployBucketName(target.account, target.region), target.region),
    progress,
    sleep: options.sleep ?? realSleep,
    pollIntervalMs: options.pollIntervalMs ?? POLL_INTERVAL_MS,
    bundle: options.bundle ?? cloudFunctionBundler,
    buildDir: join(config.rootDir, '.motorcade', env, 'deploy'),
  };
}

async function assertValid(stacks: readonly PreparedStack[]): Promise<void> {
  const lines: string[] = [];
  for (const stack of stacks) {
    const findings = await validateDocument(stack.doc, stack.file, {
      displayName: stack.displayName,
      parameters: stack.parameters.values,
    });
    lines.push(...findings.map(formatFinding));
  }
  if (lines.length === 0) return;
  const more = lines.length > 1 ? ` (and ${lines.length - 1} more: run motorcade validate)` : '';
  throw new DeployError('TEMPLATE_INVALID', `${lines[0]}${more}`);
}
