/** Stable codes of validation findings; each names one rule. */
export const FindingCode = {
  /** The template cannot be read, parsed, or its sections are malformed. */
  TEMPLATE_MALFORMED: 'TEMPLATE_MALFORMED',
  /** A resource type the CloudFormation specification does not know. */
  UNKNOWN_RESOURCE_TYPE: 'UNKNOWN_RESOURCE_TYPE',
  /** A property the resource (or property type) does not have: often a misspelling. */
  UNKNOWN_PROPERTY: 'UNKNOWN_PROPERTY',
  /** A property the specification marks required is absent. */
  MISSING_PROPERTY: 'MISSING_PROPERTY',
  /** A value of the wrong kind: a list where a string goes, text where a number goes, … */
  WRONG_TYPE: 'WRONG_TYPE',
  /** A function without an explicit Timeout. */
  TIMEOUT_NOT_EXPLICIT: 'TIMEOUT_NOT_EXPLICIT',
  /** An SQS event source whose queue's VisibilityTimeout is under six times the function's timeout. */
  QUEUE_VISIBILITY_TOO_SHORT: 'QUEUE_VISIBILITY_TOO_SHORT',
  /** A function behind API Gateway whose timeout exceeds the gateway's 29 s. */
  API_TIMEOUT_TOO_LONG: 'API_TIMEOUT_TOO_LONG',
  /** A function in a VPC with no cap on its concurrency. */
  VPC_CONCURRENCY_UNBOUNDED: 'VPC_CONCURRENCY_UNBOUNDED',
  /** The capped concurrency of a template's VPC functions exceeds the network-interface budget. */
  VPC_ENI_BUDGET_EXCEEDED: 'VPC_ENI_BUDGET_EXCEEDED',
  /** A runtime AWS has deprecated. */
  RUNTIME_DEPRECATED: 'RUNTIME_DEPRECATED',
  /** An event-bus listener whose code posts the very event it listens to. */
  LISTENER_LOOP: 'LISTENER_LOOP',
} as const;

/** One of the {@link FindingCode} values. */
export type FindingCode = (typeof FindingCode)[keyof typeof FindingCode];

/** One problem in one template, located as precisely as the rule can. */
export interface Finding {
  readonly code: FindingCode;
  /** The template file as given (relative paths stay relative, for short messages). */
  readonly file: string;
  /** Logical id of the resource concerned. */
  readonly resource?: string;
  /** Dotted path inside the resource, e.g. `Properties.Events.Queue.Properties.BatchSize`. */
  readonly property?: string;
  /** What is wrong and, for the traps, why it matters. */
  readonly message: string;
}

/**
 * One line for the user: `file: resource R, property P: message [CODE]`, the shape
 * `@motorcade/template` uses for its errors.
 */
export function formatFinding(finding: Finding): string {
  const parts: string[] = [];
  if (finding.resource !== undefined) parts.push(`resource ${finding.resource}`);
  if (finding.property !== undefined) parts.push(`property ${finding.property}`);
  const where = parts.length > 0 ? `${finding.file}: ${parts.join(', ')}` : finding.file;
  return `${where}: ${finding.message} [${finding.code}]`;
}
