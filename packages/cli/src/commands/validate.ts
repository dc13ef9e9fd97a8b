import { dirname, relative, resolve } from 'node:path';
import {
  type Finding,
  formatFinding,
  repositoryTemplates,
  validateMonitoring,
  validateTemplate,
} from '@motorcade/deploy';
import { CliError } from '../cli-error.js';
import { wholeNumberOption } from '../number-options.js';
import { projectConfig } from './deploy.js';

/** Options of `motorcade validate`. */
export interface ValidateOptions {
  readonly config: string;
  /** Every template of the repository: the config's, `services/*` and `examples/*`. */
  readonly all?: boolean;
  readonly json?: boolean;
  readonly vpcBudget?: string;
}

/** `--vpc-budget`: a positive whole number; refused with exit code 2, as validation problems are. */
function vpcBudgetOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  try {
    return wholeNumberOption('--vpc-budget', value, 1, 1_000_000);
  } catch (error) {
    throw new CliError((error as Error).message, 2);
  }
}

/**
 * `motorcade validate [template...]`: checks templates against the CloudFormation resource
 * specification and the Lambda traps. Without files, the config's services, its web template and
 * the monitoring stack it generates for each environment (or, with `--all`, every template of the repository).
 * Exit code 2 when anything is found.
 */
export async function validate(files: string[], options: ValidateOptions): Promise<void> {
  const root = dirname(resolve(options.config));
  const budget = vpcBudgetOption(options.vpcBudget);
  const config = files.length > 0 || options.all ? undefined : await projectConfig(options.config);
  const templates =
    files.length > 0
      ? files.map((file) => resolve(file))
      : config === undefined
        ? await repositoryTemplates(root)
        : [
            ...config.services.map((service) => service.templateFile),
            ...(config.web === undefined ? [] : [config.web.templateFile]),
          ];
  const findings: Finding[] = config === undefined ? [] : await validateMonitoring(config);
  for (const template of templates) {
    const displayName = relative(process.cwd(), template) || template;
    findings.push(
      ...(await validateTemplate(template, {
        displayName,
        ...(budget === undefined ? {} : { vpcConcurrencyBudget: budget }),
      })),
    );
  }
  if (options.json) process.stdout.write(`${JSON.stringify({ templates, findings }, null, 2)}\n`);
  else {
    for (const finding of findings) process.stdout.write(`${formatFinding(finding)}\n`);
  }
  const count = `${templates.length} template${templates.length === 1 ? '' : 's'}`;
  if (findings.length > 0) {
    throw new CliError(`${findings.length} problem${findings.length === 1 ? '' : 's'} in ${count}`, 2);
  }
  if (!options.json) process.stdout.write(`${count} valid\n`);
}
