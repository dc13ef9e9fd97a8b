import type { TemplateDocument, TemplateObject, TemplateValue } from '@motorcade/template';

/** A mapping that is a template value (not a list or scalar). */
export function isMapping(value: unknown): value is TemplateObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Whether a value is an intrinsic function (`Ref`, `Fn::*`, `Condition`): its type is only known
 * once CloudFormation resolves it, so the specification checks leave it alone.
 */
export function isIntrinsic(value: unknown): boolean {
  if (!isMapping(value)) return false;
  const keys = Object.keys(value);
  const key = keys[0];
  return (
    keys.length === 1 && key !== undefined && (key === 'Ref' || key === 'Condition' || key.startsWith('Fn::'))
  );
}

/**
 * A number a template states directly or through a `Ref` to a parameter: the value passed for
 * the parameter wins, else its `Default`. `undefined` when it cannot be known before deploy.
 */
export function staticNumber(
  value: TemplateValue | undefined,
  doc: TemplateDocument,
  parameters: Readonly<Record<string, string>> = {},
): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return value.trim() === '' ? undefined : finite(Number(value));
  if (isMapping(value) && typeof value.Ref === 'string' && Object.keys(value).length === 1) {
    const name = value.Ref;
    const given = parameters[name];
    if (given !== undefined) return finite(Number(given));
    const fallback = doc.Parameters?.[name]?.Default;
    return typeof fallback === 'number' || typeof fallback === 'string'
      ? staticNumber(fallback, doc, parameters)
      : undefined;
  }
  return undefined;
}

/** Like {@link staticNumber}, for a string (a runtime, an event name). */
export function staticString(
  value: TemplateValue | undefined,
  doc: TemplateDocument,
  parameters: Readonly<Record<string, string>> = {},
): string | undefined {
  if (typeof value === 'string') return value;
  if (isMapping(value) && typeof value.Ref === 'string' && Object.keys(value).length === 1) {
    const given = parameters[value.Ref];
    if (given !== undefined) return given;
    const fallback = doc.Parameters?.[value.Ref]?.Default;
    return typeof fallback === 'string' ? fallback : undefined;
  }
  return undefined;
}

/** The logical id a `!GetAtt X.Arn` / `!Ref X` points at, when the value is one of those. */
export function referencedResource(value: TemplateValue | undefined): string | undefined {
  if (!isMapping(value)) return undefined;
  if (typeof value.Ref === 'string') return value.Ref;
  const getAtt = value['Fn::GetAtt'];
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return getAtt[0];
  if (typeof getAtt === 'string') return getAtt.split('.')[0];
  return undefined;
}

function finite(value: number): number | undefined {
  return Number.isFinite(value) ? value : undefined;
}
