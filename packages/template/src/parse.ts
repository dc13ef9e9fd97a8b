import { readFile } from 'node:fs/promises';
import { jsonErrorOffset } from './json-error-offset.js';
import { lineAt, readYaml } from './read-yaml.js';
import { TemplateError } from './template-error.js';
import { checkTemplateShape } from './template-shape.js';
import type { TemplateDocument, TemplateValue } from './types.js';

/**
 * Parses a CloudFormation or SAM template written in YAML or JSON. Short-form tags come back in long
 * form (`!Ref X` → `{ Ref: 'X' }`), and the top-level shape is checked.
 *
 * @param text - the template source
 * @param file - the file name used in error messages
 * @throws TemplateError `TEMPLATE_PARSE` (with the line) or `TEMPLATE_SHAPE`
 * @example
 * ```ts
 * const doc = parseTemplate('Resources:\n  Q: {Type: AWS::SQS::Queue}\n', 'template.yaml');
 * ```
 */
export function parseTemplate(text: string, file: string): TemplateDocument {
  return checkTemplateShape(readSource(text, file), file);
}

/**
 * Reads and parses a template file.
 *
 * @throws TemplateError `TEMPLATE_PARSE` when the file cannot be read or parsed, `TEMPLATE_SHAPE` when
 * its sections are malformed
 */
export async function loadTemplate(file: string): Promise<TemplateDocument> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new TemplateError(`cannot read the template: ${reason}`, { code: 'TEMPLATE_PARSE', file, cause });
  }
  return parseTemplate(text, file);
}

function readSource(text: string, file: string): TemplateValue {
  if (!text.trimStart().startsWith('{')) return readYaml(text, file);
  try {
    return JSON.parse(text) as TemplateValue;
  } catch (cause) {
    // A YAML flow mapping also starts with `{`; only a .json file is held to JSON's grammar.
    if (!file.toLowerCase().endsWith('.json')) return readYaml(text, file);
    const reason = cause instanceof Error ? cause.message : String(cause);
    const line = jsonErrorLine(text, reason);
    throw new TemplateError(reason, { code: 'TEMPLATE_PARSE', file, line, cause });
  }
}

/** The line of a JSON syntax error, which Node's own message gives only sometimes. */
function jsonErrorLine(text: string, reason: string): number | undefined {
  const position = /position (\d+)/.exec(reason)?.[1];
  const offset = position === undefined ? jsonErrorOffset(text) : Number(position);
  return offset === undefined ? undefined : lineAt(text, offset);
}
