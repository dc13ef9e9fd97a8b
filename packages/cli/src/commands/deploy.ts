import { ConfigError, loadProjectConfig, type ProjectConfig } from '@motorcade/cloud';
import { DeployError, type DeployErrorCode, deployProject } from '@motorcade/deploy';
import { CliError } from '../cli-error.js';

/** Options of the AWS commands (`plan`, `deploy`, `aws-destroy`). */
export interface AwsCommandOptions {
  readonly config: string;
  /** Required: an AWS command never falls back to a default environment. */
  readonly env: string;
  readonly service?: string[];
}

/**
 * Exit codes of the AWS commands, so CI can tell a bad template from a refused account from a
 * failed stack. 1 stays "unexpected error" (with a log file).
 */
export const EXIT_CODES: Readonly<Record<DeployErrorCode, number>> = {
  TEMPLATE_INVALID: 2,
  CONFIG_INVALID: 2,
  ACCOUNT_MISMATCH: 3,
  ACCOUNT_SHARED: 3,
  CHANGE_SET_FAILED: 4,
  STACK_FAILED: 4,
  STACK_BUSY: 4,
  ARTIFACT_FAILED: 4,
  WEB_NOT_BUILT: 2,
  EXPORT_IN_USE: 5,
};

/** Loads the project config, a bad one being a one-line usage error. */
export async function projectConfig(file: string): Promise<ProjectConfig> {
  try {
    return await loadProjectConfig(file);
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.message, 2);
    throw error;
  }
}

/** Runs an AWS operation, turning a {@link DeployError} into a one-line CLI error with its exit code. */
export async function withExitCodes<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (error instanceof DeployError)
      throw new CliError(`${error.message} [${error.code}]`, EXIT_CODES[error.code]);
    throw error;
  }
}

/** `motorcade deploy --env E [--service S]...`: deploys the stacks to the environment's AWS account. */
export async function deploy(options: AwsCommandOptions): Promise<void> {
  const config = await projectConfig(options.config);
  await withExitCodes(() => deployProject({ config, env: options.env, services: options.service ?? [] }));
}
