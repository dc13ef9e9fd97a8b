import { isAlias, isMap, isScalar, isSeq, type Node, parseDocument, Scalar, type YAMLError } from 'yaml';
import { TemplateError } from './template-error.js';
import type { TemplateObject, TemplateValue } from './types.js';
import { cloudFormationYamlTags } from './yaml-schema.js';
import { expandShortForm, isShortFormTag, type NodeKind } from './yaml-tags.js';

/** Tags any YAML schema understands; a node carrying one of them is read as usual. */
const STANDARD_TAG_PREFIX = 'tag:yaml.org,2002:';

/** 1-based line of a character offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  const end = Math.min(offset, text.length);
  for (let index = 0; index < end; index++) if (text.charCodeAt(index) === 10) line++;
  return line;
}

/**
 * Reads YAML as CloudFormation does: YAML 1.1 without merge keys or timestamps, short-form tags turned
 * into long form. Any syntax error or unknown tag is a TEMPLATE_PARSE error with its line.
 */
export function readYaml(text: string, file: string): TemplateValue {
  const doc = parseDocument(text, {
    version: '1.1',
    schema: 'yaml-1.1',
    customTags: cloudFormationYamlTags,
    merge: false,
    uniqueKeys: true,
    prettyErrors: false,
  });
  const [first] = doc.errors;
  if (first !== undefined) throw parseError(first, text, file);
  const reader = new NodeReader(text, file);
  return doc.contents === null ? null : reader.read(doc.contents);
}

function parseError(error: YAMLError, text: string, file: string): TemplateError {
  const line = lineAt(text, error.pos[0]);
  const detail =
    error.code === 'MULTIPLE_TAGS'
      ? // CloudFormation rejects `!ImportValue !Sub ...` for the same reason; the fix is the long form of one.
        'a YAML node can carry only one tag: write the outer function in long form, e.g. `Fn::ImportValue: !Sub ...`'
      : error.message;
  return new TemplateError(detail, { code: 'TEMPLATE_PARSE', file, line, cause: error });
}

class NodeReader {
  constructor(
    private readonly text: string,
    private readonly file: string,
  ) {}

  read(node: unknown): TemplateValue {
    if (isAlias(node))
      return this.fail(node, 'aliases (*name) are not supported in CloudFormation templates');
    if (!isScalar(node) && !isMap(node) && !isSeq(node)) return null;
    const value = this.readUntagged(node);
    const tag = node.tag;
    if (tag === undefined || tag.startsWith(STANDARD_TAG_PREFIX)) return value;
    if (!isShortFormTag(tag)) return this.fail(node, `unknown tag ${tag}`);
    const kind: NodeKind = isScalar(node) ? 'scalar' : isSeq(node) ? 'seq' : 'map';
    const expansion = expandShortForm(tag, kind, value);
    return expansion.ok ? expansion.value : this.fail(node, expansion.reason);
  }

  private readUntagged(node: Node): TemplateValue {
    if (isScalar(node)) return scalarValue(node);
    if (isSeq(node)) return node.items.map((item) => this.read(item));
    if (!isMap(node)) return null;
    const result: TemplateObject = {};
    for (const pair of node.items) {
      if (!isScalar(pair.key)) return this.fail(node, 'mapping keys must be plain strings');
      Object.defineProperty(result, keyText(pair.key), {
        // defineProperty, not assignment: a key named `__proto__` must stay data.
        value: this.read(pair.value),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return result;
  }

  private fail(node: Node, detail: string): never {
    const offset = node.range?.[0] ?? 0;
    throw new TemplateError(detail, {
      code: 'TEMPLATE_PARSE',
      file: this.file,
      line: lineAt(this.text, offset),
    });
  }
}

function scalarValue(node: Scalar): TemplateValue {
  const { value } = node;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(node.source ?? value);
  return String(value);
}

/** A key as written: `Yes:` or `1.10:` name a key, they are not a boolean or a number. */
function keyText(key: Scalar): string {
  if (key.type === Scalar.PLAIN && key.source !== undefined) return key.source;
  return String(key.value);
}
