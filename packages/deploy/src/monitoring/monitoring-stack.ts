import { environmentConfig, type ProjectConfig } from '@motorcade/cloud';
import type { TemplateDocument } from '@motorcade/template';
import { DeployError } from '../errors.js';
import { prepareStacks } from '../stacks/prepare-stacks.js';
import type { Finding } from '../validate/finding.js';
import { validateDocument } from '../validate/validate-template.js';
import { MONITORING_SERVICE } from './monitoring-template.js';

/**
 * The `monitoring` stack's template for an environment, exactly as `deploy` would send it,
 * without touching AWS (`motorcade monitoring --env E`). `undefined` when the config turns
 * monitoring off.
 *
 * @throws DeployError `CONFIG_INVALID` for an unknown environment or an unreadable template
 * @example
 * ```ts
 * const template = await monitoringStackTemplate(config, 'production');
 * ```
 */
export async function monitoringStackTemplate(
  config: ProjectConfig,
  env: string,
): Promise<TemplateDocument | undefined> {
  let environment: ReturnType<typeof environmentConfig>;
  try {
    environment = environmentConfig(config, env);
  } catch (error) {
    throw new DeployError('CONFIG_INVALID', (error as Error).message, { cause: error });
  }
  const stacks = await prepareStacks(
    config,
    { env, account: environment.account, region: environment.region },
    {},
    [MONITORING_SERVICE],
  ).catch((error: unknown) => {
    // prepareStacks refuses the name 'monitoring' only when monitoring is on; off, it is just unknown.
    if (error instanceof DeployError && !config.monitoring.enabled) return [];
    throw error;
  });
  return stacks[0]?.doc;
}

/**
 * Validates the generated monitoring template of every environment of the config against the
 * CloudFormation specification, as `motorcade validate` does for the files. A config whose own
 * templates cannot be read yields nothing here: their validation reports why.
 */
export async function validateMonitoring(config: ProjectConfig): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const env of Object.keys(config.environments)) {
    let doc: TemplateDocument | undefined;
    try {
      doc = await monitoringStackTemplate(config, env);
    } catch (error) {
      if (error instanceof DeployError && error.code === 'CONFIG_INVALID') continue;
      throw error;
    }
    if (doc === undefined) continue;
    findings.push(
      ...(await validateDocument(doc, config.file, {
        displayName: `${env}-${MONITORING_SERVICE} (generated)`,
      })),
    );
  }
  return findings;
}
