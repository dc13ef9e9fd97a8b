import { planProject } from '@motorcade/deploy';
import { type AwsCommandOptions, projectConfig, withExitCodes } from './deploy.js';

/** `motorcade plan --env E [--service S]...`: what a deploy would change, stack by stack. */
export async function plan(options: AwsCommandOptions): Promise<void> {
  const config = await projectConfig(options.config);
  await withExitCodes(() => planProject({ config, env: options.env, services: options.service ?? [] }));
}
