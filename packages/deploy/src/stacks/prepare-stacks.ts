import { relative } from 'node:path';
import {
  orderStacks,
  type ProjectConfig,
  type ServiceConfig,
  stackName,
  stackParameters,
} from '@motorcade/cloud';
import {
  evaluateConditions,
  loadTemplate,
  resolveParameters,
  type StaticContext,
  stackExports,
  stackImports,
  type TemplateDocument,
} from '@motorcade/template';
import { DeployError } from '../errors.js';
import { MONITORING_SERVICE, monitoringTemplate } from '../monitoring/monitoring-template.js';
import { addServiceAlarms } from '../monitoring/service-alarms.js';
import { WEB_SERVICE } from '../web/web-stack.js';
import { type StackParameterValues, stackParameterValues } from './stack-parameters.js';

/** One service's stack, ready to plan or deploy in an environment. */
export interface PreparedStack {
  readonly service: string;
  readonly stackName: string;
  readonly file: string;
  /** The file relative to the project root, for messages. */
  readonly displayName: string;
  /** The template as it goes to AWS: the file's, plus the alarms and canary settings deploy adds. */
  readonly doc: TemplateDocument;
  /** One line per thing deploy added to the file's template (shown by `plan`). */
  readonly notes: readonly string[];
  /** Physical names of the alarms deploy added. */
  readonly alarmNames: readonly string[];
  readonly parameters: StackParameterValues;
  readonly imports: readonly string[];
  readonly exports: readonly string[];
}

/** Where the stacks go: the environment's name, account and region. */
export interface StackTarget {
  readonly env: string;
  readonly account: string;
  readonly region: string;
}

/**
 * The project's stacks for an environment, in the order their imports require (each after the
 * stacks whose exports it imports), limited to `services` when given. A selected stack importing
 * from one left out relies on that one being deployed already; CloudFormation checks it.
 * Each template gets its alarms and, in a canary environment, its canary settings; the generated
 * `monitoring` stack comes last (unless the config's `monitoring.enabled` is false), as a service
 * `--service monitoring` can name. The config's `web` template is the `web` stack (`--service web`):
 * ordered by its imports like the others, so after the services whose API ids it imports; it gets
 * no alarms (it has no functions or queues, and no SAM transform for canary settings).
 *
 * @throws DeployError `CONFIG_INVALID` for an unknown service, a template error, or an import cycle
 */
export async function prepareStacks(
  config: ProjectConfig,
  target: StackTarget,
  variables: Readonly<Record<string, string | undefined>>,
  services?: readonly string[],
): Promise<PreparedStack[]> {
  const monitoringOn = config.monitoring.enabled;
  if (monitoringOn && config.services.some((service) => service.name === MONITORING_SERVICE)) {
    throw new DeployError(
      'CONFIG_INVALID',
      `${config.file}: a service may not be named '${MONITORING_SERVICE}' while deploys generate the ${target.env}-${MONITORING_SERVICE} stack; rename it or set "monitoring": { "enabled": false }`,
    );
  }
  if (config.web !== undefined && config.services.some((service) => service.name === WEB_SERVICE)) {
    throw new DeployError(
      'CONFIG_INVALID',
      `${config.file}: a service may not be named '${WEB_SERVICE}' while the config's web section deploys the ${target.env}-${WEB_SERVICE} stack; rename the service`,
    );
  }
  const unknown = (services ?? []).filter(
    (name) =>
      !config.services.some((service) => service.name === name) &&
      !(monitoringOn && name === MONITORING_SERVICE) &&
      !(config.web !== undefined && name === WEB_SERVICE),
  );
  if (unknown.length > 0) {
    const known = config.services.map((service) => service.name).join(', ');
    throw new DeployError(
      'CONFIG_INVALID',
      `${config.file}: no service ${unknown.join(', ')} (the config has: ${known})`,
    );
  }
  const environment = config.environments[target.env];
  const canary = environment?.canary;
  const web: ServiceConfig[] =
    config.web === undefined
      ? []
      : [{ name: WEB_SERVICE, templateFile: config.web.templateFile, parameters: {} }];
  const prepared: PreparedStack[] = [];
  for (const service of [...config.services, ...web]) {
    const name = stackName(target.env, service.name);
    const displayName = relative(config.rootDir, service.templateFile) || service.templateFile;
    try {
      const doc = await loadTemplate(service.templateFile);
      const parameters = stackParameterValues(doc, stackParameters(config, service, target.env), variables);
      const ctx = staticContext(doc, service.templateFile, name, target, parameters);
      const additions =
        service.name === WEB_SERVICE && config.web !== undefined
          ? webAdditions(doc, config.rootDir, config.web.distDir)
          : addServiceAlarms(doc, {
              stackName: name,
              file: displayName,
              monitoring: config.monitoring,
              ...(canary === undefined ? {} : { canary }),
            });
      prepared.push({
        service: service.name,
        stackName: name,
        file: service.templateFile,
        displayName,
        doc: additions.doc,
        notes: additions.notes,
        alarmNames: additions.alarmNames,
        parameters,
        imports: stackImports(doc, ctx, displayName),
        exports: stackExports(doc, ctx, displayName).map((entry) => entry.name),
      });
    } catch (error) {
      if (error instanceof DeployError) throw error;
      throw new DeployError('CONFIG_INVALID', (error as Error).message, { cause: error });
    }
  }
  let order: string[];
  try {
    order = orderStacks(
      prepared.map((stack) => ({ name: stack.stackName, exports: stack.exports, imports: stack.imports })),
    );
  } catch (error) {
    throw new DeployError('CONFIG_INVALID', (error as Error).message, { cause: error });
  }
  const byName = new Map(prepared.map((stack) => [stack.stackName, stack]));
  const ordered = order.map((name) => byName.get(name) as PreparedStack);
  if (monitoringOn && environment !== undefined) {
    const monitored = ordered.filter((stack) => stack.service !== WEB_SERVICE);
    ordered.push(monitoringStack(config, target, monitored, variables));
  }
  return ordered.filter(
    (stack) => services === undefined || services.length === 0 || services.includes(stack.service),
  );
}

/** The web stack goes as its file is; its note says what deploy does after it. */
function webAdditions(
  doc: TemplateDocument,
  rootDir: string,
  distDir: string,
): { doc: TemplateDocument; notes: string[]; alarmNames: string[] } {
  const dist = relative(rootDir, distDir) || distDir;
  return {
    doc,
    notes: [`then uploads ${dist} to the stack's bucket (assets first, index.html last)`],
    alarmNames: [],
  };
}

/** The generated `<env>-monitoring` stack, from every service of the config (see `monitoringTemplate`). */
function monitoringStack(
  config: ProjectConfig,
  target: StackTarget,
  stacks: readonly PreparedStack[],
  variables: Readonly<Record<string, string | undefined>>,
): PreparedStack {
  const environment = config.environments[target.env] as NonNullable<ProjectConfig['environments'][string]>;
  const doc = monitoringTemplate({ env: target.env, environment, monitoring: config.monitoring, stacks });
  return {
    service: MONITORING_SERVICE,
    stackName: stackName(target.env, MONITORING_SERVICE),
    // Generated: no file of its own. The config's path locates it in messages and gives packaging a directory.
    file: config.file,
    displayName: `${MONITORING_SERVICE} (generated from ${relative(config.rootDir, config.file) || config.file})`,
    doc,
    notes: [
      `generated: dashboard ${target.env}-motorcade, the account's concurrency alarm, ${stacks.reduce((sum, stack) => sum + stack.alarmNames.length, 0)} service alarms on the dashboard`,
    ],
    alarmNames: [`${target.env}-${MONITORING_SERVICE}-ConcurrentExecutions`],
    parameters: stackParameterValues(doc, {}, variables),
    imports: [],
    exports: [],
  };
}

/**
 * Parameters, pseudo parameters and conditions as CloudFormation will see them, to resolve the
 * import and export names. A parameter still missing here (its previous value will be reused)
 * gets a placeholder: export names never depend on secrets.
 */
function staticContext(
  doc: TemplateDocument,
  file: string,
  name: string,
  target: StackTarget,
  parameters: StackParameterValues,
): StaticContext {
  const given = { ...parameters.values };
  for (const missing of parameters.missing) given[missing] = placeholder(doc, missing);
  const resolved = resolveParameters(doc, file, given);
  const base = {
    pseudo: {
      stackName: name,
      stackId: `arn:aws:cloudformation:${target.region}:${target.account}:stack/${name}/pending`,
      region: target.region,
      accountId: target.account,
      partition: 'aws',
      urlSuffix: 'amazonaws.com',
    },
    parameters: resolved.values,
    mappings: doc.Mappings ?? {},
  };
  return { ...base, conditions: evaluateConditions(doc, base, file) };
}

/**
 * A stand-in value for a parameter whose previous value CloudFormation will reuse (a secret not
 * in this shell): only export and import names are resolved with it, and they never depend on
 * secrets, but it must pass the parameter's constraints (`MinLength: 16` on a token, say).
 */
function placeholder(doc: TemplateDocument, name: string): string {
  const definition = doc.Parameters?.[name];
  const allowed = definition?.AllowedValues?.[0];
  if (allowed !== undefined) return String(allowed);
  if (definition?.Type === 'Number') return String(definition.MinValue ?? 0);
  return 'x'.repeat(Math.max(1, Number(definition?.MinLength ?? 1)));
}
