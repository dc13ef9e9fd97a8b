/** A piece of an `Fn::Sub` string: literal text, or a `${Name}` / `${Name.Attribute}` variable. */
export type SubPart = { readonly text: string } | { readonly variable: string };

/**
 * Splits an `Fn::Sub` string into text and variables. `${!Literal}` is the text `${Literal}`, and a
 * `${` with no closing brace is kept as text, as CloudFormation does.
 */
export function parseSubTemplate(template: string): SubPart[] {
  const parts: SubPart[] = [];
  let index = 0;
  while (index < template.length) {
    const start = template.indexOf('${', index);
    const end = start === -1 ? -1 : template.indexOf('}', start + 2);
    if (start === -1 || end === -1) {
      parts.push({ text: template.slice(index) });
      break;
    }
    if (start > index) parts.push({ text: template.slice(index, start) });
    const inner = template.slice(start + 2, end);
    parts.push(inner.startsWith('!') ? { text: `\${${inner.slice(1)}}` } : { variable: inner.trim() });
    index = end + 1;
  }
  return parts;
}

/** The names a `Fn::Sub` string refers to, e.g. `['Queue.Arn', 'AWS::Region']`. */
export function subVariables(template: string): string[] {
  return parseSubTemplate(template).flatMap((part) => ('variable' in part ? [part.variable] : []));
}
