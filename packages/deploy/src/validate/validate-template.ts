import { loadTemplate, type TemplateDocument, TemplateError } from '@motorcade/template';
import { checkApiTimeout } from './checks/api-timeout.js';
import { checkDeprecatedRuntime } from './checks/deprecated-runtime.js';
import { checkExplicitTimeout } from './checks/explicit-timeout.js';
import { checkListenerLoop } from './checks/listener-loop.js';
import { checkQueueVisibility } from './checks/queue-visibility.js';
import { checkVpcConcurrency, DEFAULT_VPC_CONCURRENCY_BUDGET } from './checks/vpc-concurrency.js';
import { type Finding, FindingCode } from './finding.js';
import { loadResourceSpec } from './resource-spec.js';
import { checkAgainstSpec } from './spec-check.js';
import { templateModel } from './template-model.js';

/** Options of {@link validateTemplate}. */
export interface ValidateTemplateOptions {
  /** The file name findings show (default: the path given). */
  readonly displayName?: string;
  /** Parameter values the project config passes, which win over Defaults in the rules. */
  readonly parameters?: Readonly<Record<string, string>>;
  /** Most concurrent executions a template's VPC functions may have together (default 250). */
  readonly vpcConcurrencyBudget?: number;
}

/**
 * Validates one CloudFormation or SAM template: every resource against the official resource
 * specification, then the Lambda traps (explicit timeouts, queue visibility, API Gateway's 29 s,
 * VPC concurrency, deprecated runtimes, listener loops). An empty list means it passed.
 *
 * @example
 * ```ts
 * const findings = await validateTemplate('services/items/template.yaml');
 * for (const finding of findings) console.log(formatFinding(finding));
 * ```
 */
export async function validateTemplate(
  file: string,
  options: ValidateTemplateOptions = {},
): Promise<Finding[]> {
  const shown = options.displayName ?? file;
  let doc: TemplateDocument;
  try {
    doc = await loadTemplate(file);
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    return [
      {
        code: FindingCode.TEMPLATE_MALFORMED,
        file: shown,
        ...(error.resource === undefined ? {} : { resource: error.resource }),
        ...(error.property === undefined ? {} : { property: error.property }),
        message: error.line === undefined ? error.detail : `line ${error.line}: ${error.detail}`,
      },
    ];
  }
  return validateDocument(doc, file, options);
}

/** {@link validateTemplate} for a template already parsed; `file` locates its code. */
export async function validateDocument(
  doc: TemplateDocument,
  file: string,
  options: ValidateTemplateOptions = {},
): Promise<Finding[]> {
  const shown = options.displayName ?? file;
  const spec = await loadResourceSpec();
  const model = templateModel(doc, shown, options.parameters);
  return [
    ...checkAgainstSpec(doc, shown, spec),
    ...checkExplicitTimeout(model),
    ...checkQueueVisibility(model),
    ...checkApiTimeout(model),
    ...checkVpcConcurrency(model, options.vpcConcurrencyBudget ?? DEFAULT_VPC_CONCURRENCY_BUDGET),
    ...checkDeprecatedRuntime(model),
    ...(await checkListenerLoop(model, file)),
  ];
}
