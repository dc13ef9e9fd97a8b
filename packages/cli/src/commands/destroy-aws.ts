import { stackName } from '@motorcade/cloud';
import { destroyService } from '@motorcade/deploy';
import { CliError } from '../cli-error.js';
import { type AwsCommandOptions, projectConfig, withExitCodes } from './deploy.js';

/** Options of `motorcade aws-destroy`. */
export interface AwsDestroyOptions extends AwsCommandOptions {
  readonly yes?: boolean;
}

/**
 * `motorcade aws-destroy <service> --env E --yes`: deletes the service's stack from the
 * environment's AWS account. A separate command from the local `destroy`, so deleting from AWS
 * is never one mistyped flag away from a local clean-up; `--yes` is required because there is no
 * undo.
 */
export async function destroyAws(service: string, options: AwsDestroyOptions): Promise<void> {
  const config = await projectConfig(options.config);
  if (!options.yes) {
    throw new CliError(
      `aws-destroy deletes ${stackName(options.env, service)} and everything in it from AWS; run again with --yes to confirm`,
      2,
    );
  }
  await withExitCodes(() => destroyService({ config, env: options.env, service }));
}
