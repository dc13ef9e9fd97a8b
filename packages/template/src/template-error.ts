/**
 * Stable codes for every way a template can be rejected. Callers switch on these, so they never change
 * meaning once released.
 */
export const TemplateErrorCode = {
  TEMPLATE_PARSE: 'TEMPLATE_PARSE',
  TEMPLATE_SHAPE: 'TEMPLATE_SHAPE',
  UNSUPPORTED_INTRINSIC: 'UNSUPPORTED_INTRINSIC',
  INVALID_INTRINSIC: 'INVALID_INTRINSIC',
  UNSUPPORTED_PROPERTY: 'UNSUPPORTED_PROPERTY',
  INVALID_PROPERTY: 'INVALID_PROPERTY',
  UNSUPPORTED_EVENT_SOURCE: 'UNSUPPORTED_EVENT_SOURCE',
  UNSUPPORTED_PARAMETER_TYPE: 'UNSUPPORTED_PARAMETER_TYPE',
  INVALID_PARAMETER: 'INVALID_PARAMETER',
  MISSING_PARAMETER: 'MISSING_PARAMETER',
  UNKNOWN_REFERENCE: 'UNKNOWN_REFERENCE',
  UNKNOWN_CONDITION: 'UNKNOWN_CONDITION',
  UNKNOWN_MAPPING_KEY: 'UNKNOWN_MAPPING_KEY',
  CIRCULAR_DEPENDENCY: 'CIRCULAR_DEPENDENCY',
} as const;

/** One of the {@link TemplateErrorCode} values. */
export type TemplateErrorCode = (typeof TemplateErrorCode)[keyof typeof TemplateErrorCode];

/** Where in a template a problem is: the file, and optionally the line, resource and property path. */
export interface TemplateLocation {
  /** The template file as the user named it, e.g. `services/items/template.yaml`. */
  readonly file: string;
  /** 1-based line, known only for parse errors. */
  readonly line?: number;
  /** Logical id of the resource concerned. */
  readonly resource?: string;
  /** Dotted path inside the resource (or template), e.g. `Properties.Environment.Variables.TABLE`. */
  readonly property?: string;
}

/** Options for constructing a {@link TemplateError}. */
export interface TemplateErrorOptions extends TemplateLocation {
  readonly code: TemplateErrorCode;
  readonly cause?: unknown;
}

/**
 * The one error type of `@motorcade/template`. Its message is a single line that names the file, the line
 * or resource and property, then what is wrong, so a user can fix the template without a stack trace.
 *
 * @example
 * ```ts
 * new TemplateError("event source type 'Api' is not supported yet", {
 *   code: 'UNSUPPORTED_EVENT_SOURCE', file: 'services/items/template.yaml',
 *   resource: 'CreateItem', property: 'Properties.Events.Api',
 * }).message;
 * // services/items/template.yaml: resource CreateItem, property Properties.Events.Api: event source type 'Api' is not supported yet
 * ```
 */
export class TemplateError extends Error {
  /** Stable machine-readable code. */
  readonly code: TemplateErrorCode;
  /** The template file. */
  readonly file: string;
  /** 1-based line of a parse error. */
  readonly line: number | undefined;
  /** Logical id of the resource concerned, when there is one. */
  readonly resource: string | undefined;
  /** Dotted property path, when there is one. */
  readonly property: string | undefined;
  /** The problem alone, without the location prefix. */
  readonly detail: string;

  constructor(detail: string, options: TemplateErrorOptions) {
    super(formatMessage(detail, options), options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'TemplateError';
    this.code = options.code;
    this.file = options.file;
    this.line = options.line;
    this.resource = options.resource;
    this.property = options.property;
    this.detail = detail;
  }
}

function formatMessage(detail: string, where: TemplateLocation): string {
  const file = where.line === undefined ? where.file : `${where.file}:${where.line}`;
  const parts: string[] = [];
  if (where.resource !== undefined) parts.push(`resource ${where.resource}`);
  if (where.property !== undefined) parts.push(`property ${where.property}`);
  const location = parts.length > 0 ? `${file}: ${parts.join(', ')}` : file;
  // Multi-line details (e.g. a YAML excerpt) would break the one-line promise of the message.
  return `${location}: ${detail.replace(/\s*\n\s*/g, ' ').trim()}`;
}
