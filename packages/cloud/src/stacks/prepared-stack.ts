import { dirname } from 'node:path';
import {
  applySamTransform,
  declaredParameterNames,
  evaluateConditions,
  loadTemplate,
  orderResources,
  type PseudoParameters,
  type ResolvedParameters,
  resolveParameters,
  resourceDependencies,
  type StaticContext,
  stackExports,
  stackImports,
  type TemplateDocument,
} from '@motorcade/template';

/** A template made ready to deploy as one stack: transformed, parameters and conditions resolved. */
export interface PreparedStack {
  readonly stackName: string;
  readonly service: string;
  readonly templateFile: string;
  readonly templateDir: string;
  readonly document: TemplateDocument;
  readonly parameters: ResolvedParameters;
  readonly conditions: Readonly<Record<string, boolean>>;
  readonly pseudo: PseudoParameters;
  /** Logical ids of the resources whose Condition holds, in creation order. */
  readonly resourceOrder: readonly string[];
  /** Logical id → the resources it references or DependsOn. */
  readonly dependencies: ReadonlyMap<string, ReadonlySet<string>>;
  readonly exports: readonly { name: string; outputKey: string }[];
  readonly imports: readonly string[];
  /** Where the local cloud differs from AWS for this template, for one line in the log. */
  readonly notices: readonly string[];
}

export interface PrepareRequest {
  readonly stackName: string;
  readonly service: string;
  readonly templateFile: string;
  readonly stackId: string;
  readonly accountId: string;
  readonly region: string;
  /** Values from the project config; only those the template declares are used. */
  readonly parameters: Readonly<Record<string, string>>;
}

/** Loads and prepares a stack's template; every error names the file (and resource, property). */
export async function prepareStack(request: PrepareRequest): Promise<PreparedStack> {
  const raw = await loadTemplate(request.templateFile);
  const notices = canaryNotices(raw, request.templateFile);
  const document = applySamTransform(raw, request.templateFile);
  const declared = new Set(declaredParameterNames(document));
  const given = Object.fromEntries(Object.entries(request.parameters).filter(([key]) => declared.has(key)));
  const parameters = resolveParameters(document, request.templateFile, given);
  const pseudo: PseudoParameters = {
    stackName: request.stackName,
    stackId: request.stackId,
    region: request.region,
    accountId: request.accountId,
    partition: 'aws',
    urlSuffix: 'amazonaws.com',
  };
  const mappings = document.Mappings ?? {};
  const conditions = evaluateConditions(
    document,
    { pseudo, parameters: parameters.values, mappings },
    request.templateFile,
  );
  const staticContext: StaticContext = { pseudo, parameters: parameters.values, conditions, mappings };
  const resourceOrder = orderResources(document, request.templateFile).filter((logicalId) => {
    const condition = document.Resources[logicalId]?.Condition;
    return condition === undefined || conditions[condition] === true;
  });
  return {
    stackName: request.stackName,
    service: request.service,
    templateFile: request.templateFile,
    templateDir: dirname(request.templateFile),
    document,
    parameters,
    conditions,
    pseudo,
    resourceOrder,
    dependencies: resourceDependencies(document),
    exports: stackExports(document, staticContext, request.templateFile),
    imports: stackImports(document, staticContext, request.templateFile),
    notices,
  };
}

/** Canary deployments (AutoPublishAlias, DeploymentPreference) shift traffic on AWS only; said once per stack deploy. */
function canaryNotices(raw: TemplateDocument, file: string): string[] {
  const uses = (properties: unknown): boolean =>
    typeof properties === 'object' &&
    properties !== null &&
    ('AutoPublishAlias' in properties || 'DeploymentPreference' in properties);
  const functions = Object.values(raw.Resources).filter(
    (resource) => resource.Type === 'AWS::Serverless::Function' && uses(resource.Properties),
  );
  if (!uses(raw.Globals?.Function) && functions.length === 0) return [];
  return [
    `${file}: traffic shifting (DeploymentPreference) is not emulated: the alias points at the latest code`,
  ];
}
