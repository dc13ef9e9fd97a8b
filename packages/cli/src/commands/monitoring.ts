import { monitoringStackTemplate } from '@motorcade/deploy';
import { CliError } from '../cli-error.js';
import { projectConfig, withExitCodes } from './deploy.js';

/** Options of `motorcade monitoring`. */
export interface MonitoringOptions {
  readonly config: string;
  readonly env: string;
}

/**
 * `motorcade monitoring --env E`: prints the generated `<env>-monitoring` stack template (the
 * CloudWatch dashboard and the account's alarm) as JSON, exactly as `deploy` sends it. No AWS call.
 */
export async function monitoring(options: MonitoringOptions): Promise<void> {
  const config = await projectConfig(options.config);
  const template = await withExitCodes(() => monitoringStackTemplate(config, options.env));
  if (template === undefined) {
    throw new CliError(`${config.file}: monitoring is turned off ("monitoring": { "enabled": false })`, 2);
  }
  process.stdout.write(`${JSON.stringify(template, null, 2)}\n`);
}
