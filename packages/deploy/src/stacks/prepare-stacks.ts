import { relative } from 'node:path';
import { orderStacks, type ProjectConfig, stackName, stackParameters } from '@motorcade/cloud';
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
import { type StackParameterValues, stackParameterValues } from './stack-parameters.js';

/** One service's stack, ready to plan or deploy in an environment. */
export interface PreparedStack {
  readonly service: string;
  readonly stackName: string;
  readonly file: string;
  /** The file relative to the project root, for messages. */
  readonly displayName: string;
  readonly doc: TemplateDocument;
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
 *
 * @throws DeployError `CONFIG_INVALID` for an unknown service, a template error, or an import cycle
 */
export async function prepareStacks(
  config: ProjectConfig,
  target: StackTarget,
  variables: Readonly<Record<string, string | undefined>>,
  services?: readonly string[],
): Promise<PreparedStack[]> {
  const unknown = (services ?? []).filter(
    (name) => !config.services.some((service) => service.name === name),
  );
  if (unknown.length > 0) {
    const known = config.services.map((service) => service.name).join(', ');
    throw new DeployError(
      'CONFIG_INVALID',
      `${config.file}: no service ${unknown.join(', ')} (the config has: ${known})`,
    );
  }
  const prepared: PreparedStack[] = [];
  for (const service of config.services) {
    const name = stackName(target.env, service.name);
    const displayName = relative(config.rootDir, service.templateFile) || service.templateFile;
    try {
      const doc = await loadTemplate(service.templateFile);
      const parameters = stackParameterValues(doc, stackParameters(config, service, target.env), variables);
      const ctx = staticContext(doc, service.templateFile, name, target, parameters);
      prepared.push({
        service: service.name,
        stackName: name,
        file: service.templateFile,
        displayName,
        doc,
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
  return order
    .map((name) => byName.get(name) as PreparedStack)
    .filter((stack) => services === undefined || services.length === 0 || services.includes(stack.service));
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
  for (const missing of parameters.missing) given[missing] = 'previous-value';
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
