import type { ParameterValue } from './intrinsics/context.js';
import { TemplateError } from './template-error.js';
import type { ParameterDefinition, TemplateDocument, TemplateValue } from './types.js';

/** Parameter values ready for intrinsic resolution, and which of them must never be shown. */
export interface ResolvedParameters {
  /** Lists (`CommaDelimitedList`, `List<...>`) are arrays; everything else, numbers too, is a string. */
  values: Record<string, ParameterValue>;
  /** Names of `NoEcho` parameters, whose values must be masked in output and logs. */
  noEcho: ReadonlySet<string>;
}

/** The names of the parameters a template declares, so a caller passes only those. */
export function declaredParameterNames(doc: TemplateDocument): string[] {
  return Object.keys(doc.Parameters ?? {});
}

/**
 * Gives every declared parameter its value: the one given, else its `Default`, checked against the
 * declared type and constraints as CloudFormation checks them. Given names the template does not
 * declare are ignored.
 *
 * @throws TemplateError `MISSING_PARAMETER`, `INVALID_PARAMETER` or `UNSUPPORTED_PARAMETER_TYPE`, naming
 * `Parameters.<Name>`
 */
export function resolveParameters(
  doc: TemplateDocument,
  file: string,
  given: Readonly<Record<string, string>>,
): ResolvedParameters {
  const values: Record<string, ParameterValue> = {};
  const noEcho = new Set<string>();
  const missing: string[] = [];
  for (const [name, definition] of Object.entries(doc.Parameters ?? {})) {
    const fail = (code: 'INVALID_PARAMETER' | 'UNSUPPORTED_PARAMETER_TYPE', detail: string): never => {
      throw new TemplateError(detail, { code, file, property: `Parameters.${name}` });
    };
    const kind = parameterKind(definition.Type, (detail) => fail('UNSUPPORTED_PARAMETER_TYPE', detail));
    const raw = Object.hasOwn(given, name) ? given[name] : scalarText(definition.Default);
    if (raw === undefined) {
      missing.push(name);
      continue;
    }
    values[name] = checkValue(name, definition, kind, raw, (detail) => fail('INVALID_PARAMETER', detail));
    if (definition.NoEcho === true || definition.NoEcho === 'true') noEcho.add(name);
  }
  if (missing.length > 0) {
    throw new TemplateError(`Parameters: [${missing.join(', ')}] must have values`, {
      code: 'MISSING_PARAMETER',
      file,
      property: `Parameters.${missing[0]}`,
    });
  }
  return { values, noEcho };
}

type ParameterKind = { readonly list: boolean; readonly numeric: boolean };

function parameterKind(type: string, unsupported: (detail: string) => never): ParameterKind {
  if (type.startsWith('AWS::SSM::Parameter::')) {
    return unsupported(`parameter type ${type} is not supported yet: pass the value itself as a String`);
  }
  if (type === 'String' || type === 'Number' || /^AWS::[A-Za-z0-9]+::[A-Za-z0-9:]+$/.test(type)) {
    return { list: false, numeric: type === 'Number' };
  }
  if (type === 'CommaDelimitedList' || type === 'List<Number>' || /^List<AWS::[A-Za-z0-9:]+>$/.test(type)) {
    return { list: true, numeric: type === 'List<Number>' };
  }
  if (type === 'List<String>') return { list: true, numeric: false };
  return unsupported(`Unrecognized parameter type: ${type}`);
}

function checkValue(
  name: string,
  definition: ParameterDefinition,
  kind: ParameterKind,
  raw: string,
  invalid: (detail: string) => never,
): ParameterValue {
  const items = kind.list ? (raw === '' ? [] : raw.split(',').map((item) => item.trim())) : [raw];
  // A ConstraintDescription replaces CloudFormation's own wording of a failed constraint.
  const constraint = (detail: string): never =>
    invalid(
      definition.ConstraintDescription === undefined
        ? detail
        : `Parameter '${name}' failed to satisfy constraint: ${definition.ConstraintDescription}`,
    );
  const allowed = definition.AllowedValues?.map(scalarText);
  const pattern = allowedPattern(definition.AllowedPattern, invalid);
  for (const item of items) {
    if (kind.numeric) checkNumber(name, definition, item, invalid, constraint);
    if (allowed !== undefined && !allowed.includes(item))
      constraint(`Parameter '${name}' must be one of AllowedValues`);
    if (pattern !== undefined && !pattern.test(item)) {
      constraint(`Parameter '${name}' must match pattern ${definition.AllowedPattern}`);
    }
  }
  if (!kind.numeric) {
    const min = numberOption(definition.MinLength);
    const max = numberOption(definition.MaxLength);
    if (min !== undefined && raw.length < min) {
      constraint(`Parameter '${name}' must contain at least ${min} characters`);
    }
    if (max !== undefined && raw.length > max) {
      constraint(`Parameter '${name}' must contain at most ${max} characters`);
    }
  }
  return kind.list ? items : raw;
}

function checkNumber(
  name: string,
  definition: ParameterDefinition,
  item: string,
  invalid: (detail: string) => never,
  constraint: (detail: string) => never,
): void {
  const value = Number(item);
  if (item.trim() === '' || !Number.isFinite(value)) invalid(`Parameter '${name}' must be a number`);
  const min = numberOption(definition.MinValue);
  const max = numberOption(definition.MaxValue);
  if (min !== undefined && value < min)
    constraint(`Parameter '${name}' must be a number not less than ${min}`);
  if (max !== undefined && value > max)
    constraint(`Parameter '${name}' must be a number not greater than ${max}`);
}

function numberOption(value: number | string | undefined): number | undefined {
  return value === undefined ? undefined : Number(value);
}

/** Defaults and allowed values may be written as YAML numbers or booleans; CloudFormation reads text. */
function scalarText(value: TemplateValue | undefined): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value.map((item) => scalarText(item) ?? '').join(',');
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** CloudFormation matches the whole value against AllowedPattern, so the pattern is anchored here. */
function allowedPattern(pattern: string | undefined, invalid: (detail: string) => never): RegExp | undefined {
  if (pattern === undefined) return undefined;
  try {
    return new RegExp(`^(?:${pattern})$`);
  } catch {
    return invalid(`AllowedPattern ${pattern} is not a valid regular expression`);
  }
}
