import type { TemplateObject, TemplateValue } from './types.js';

/** The YAML node kinds a short-form tag can sit on. */
export type NodeKind = 'scalar' | 'seq' | 'map';

interface ShortForm {
  /** The long-form key, e.g. `Fn::Join`. */
  readonly key: string;
  /** Node kinds CloudFormation accepts for this tag. */
  readonly accepts: readonly NodeKind[];
}

const ANY: readonly NodeKind[] = ['scalar', 'seq', 'map'];
const LIST: readonly NodeKind[] = ['seq'];
const NAME: readonly NodeKind[] = ['scalar'];

/** Every short-form tag CloudFormation defines, with the long form it stands for. */
const SHORT_FORMS: Readonly<Record<string, ShortForm>> = {
  '!Ref': { key: 'Ref', accepts: NAME },
  '!Condition': { key: 'Condition', accepts: NAME },
  '!Sub': { key: 'Fn::Sub', accepts: ['scalar', 'seq'] },
  '!GetAtt': { key: 'Fn::GetAtt', accepts: ['scalar', 'seq'] },
  '!ImportValue': { key: 'Fn::ImportValue', accepts: ANY },
  '!Join': { key: 'Fn::Join', accepts: LIST },
  '!Select': { key: 'Fn::Select', accepts: LIST },
  '!Split': { key: 'Fn::Split', accepts: LIST },
  '!If': { key: 'Fn::If', accepts: LIST },
  '!Equals': { key: 'Fn::Equals', accepts: LIST },
  '!Not': { key: 'Fn::Not', accepts: LIST },
  '!And': { key: 'Fn::And', accepts: LIST },
  '!Or': { key: 'Fn::Or', accepts: LIST },
  '!FindInMap': { key: 'Fn::FindInMap', accepts: LIST },
  '!Base64': { key: 'Fn::Base64', accepts: ANY },
  '!GetAZs': { key: 'Fn::GetAZs', accepts: ANY },
  '!Cidr': { key: 'Fn::Cidr', accepts: LIST },
  // Kept so the intrinsic resolver can say the function is unsupported, rather than "unknown tag".
  '!Transform': { key: 'Fn::Transform', accepts: ['map'] },
};

/** Whether `tag` is one of CloudFormation's short-form tags (`!Ref`, `!Sub`, ...). */
export function isShortFormTag(tag: string): boolean {
  return Object.hasOwn(SHORT_FORMS, tag);
}

/** The result of expanding a tag: the long form, or why the node cannot carry the tag. */
export type Expansion =
  | { readonly ok: true; readonly value: TemplateObject }
  | { readonly ok: false; readonly reason: string };

/**
 * Turns a short-form tag and its (already converted) value into the long form CloudFormation
 * documents, e.g. `!GetAtt Fn.Arn` → `{ 'Fn::GetAtt': ['Fn', 'Arn'] }`.
 */
export function expandShortForm(tag: string, kind: NodeKind, value: TemplateValue): Expansion {
  const form = SHORT_FORMS[tag];
  if (form === undefined) return { ok: false, reason: `unknown tag ${tag}` };
  if (!form.accepts.includes(kind)) {
    return { ok: false, reason: `${tag} takes ${describe(form.accepts)}, not a ${describeKind(kind)}` };
  }
  if (form.key === 'Fn::GetAtt' && kind === 'scalar') return splitGetAtt(String(value ?? ''));
  if ((form.key === 'Ref' || form.key === 'Condition') && typeof value !== 'string') {
    // `!Ref 123` reads as a number; a logical id is always a string.
    return { ok: true, value: { [form.key]: String(value) } };
  }
  // `!GetAZs` with nothing after it means the stack's region, as `!GetAZs ''` does.
  return { ok: true, value: { [form.key]: value ?? '' } };
}

function splitGetAtt(text: string): Expansion {
  const dot = text.indexOf('.');
  if (dot <= 0 || dot === text.length - 1) {
    return { ok: false, reason: `!GetAtt expects LogicalId.Attribute, got '${text}'` };
  }
  // Only the first dot separates: nested attributes such as `Endpoint.Address` keep theirs.
  return { ok: true, value: { 'Fn::GetAtt': [text.slice(0, dot), text.slice(dot + 1)] } };
}

function describe(kinds: readonly NodeKind[]): string {
  return kinds.map((kind) => `a ${describeKind(kind)}`).join(' or ');
}

function describeKind(kind: NodeKind): string {
  if (kind === 'seq') return 'sequence';
  if (kind === 'map') return 'mapping';
  return 'scalar';
}
