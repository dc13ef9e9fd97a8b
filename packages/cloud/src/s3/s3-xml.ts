import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import { s3Errors } from './s3-errors.js';

/** S3's XML namespace, on the root element of every successful response document. */
export const S3_NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/';

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  suppressEmptyNode: false,
});

// Values stay strings (a key `007` is not the number 7) and untrimmed (keys may start with spaces).
const parser = new XMLParser({
  ignoreAttributes: true,
  ignoreDeclaration: true,
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: false,
  isArray: (name) => name === 'Part' || name === 'Object',
});

/** A value of an XML document; arrays become repeated elements, undefined fields are left out. */
export type XmlValue =
  | string
  | number
  | boolean
  | undefined
  | XmlValue[]
  | { readonly [name: string]: XmlValue };

/**
 * An S3 response document: the XML declaration, then `root` with the S3 namespace (error
 * documents have none, as S3's do not).
 */
export function xmlDocument(root: string, body: Record<string, XmlValue>, namespace = true): string {
  const element = namespace ? { '@_xmlns': S3_NAMESPACE, ...body } : body;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ [root]: prune(element) })}`;
}

/** Parses a request document; anything that is not well-formed XML is S3's `MalformedXML`. */
export function parseXml(body: Buffer): Record<string, unknown> {
  const text = body.toString('utf8');
  if (text.trim() === '' || XMLValidator.validate(text) !== true) throw s3Errors.malformedXml();
  return parser.parse(text) as Record<string, unknown>;
}

/** A child element's text, when the element is a plain string. */
export function xmlText(parent: unknown, name: string): string | undefined {
  if (parent === null || typeof parent !== 'object') return undefined;
  const value = (parent as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

function prune(value: XmlValue): XmlValue {
  if (Array.isArray(value)) return value.map(prune);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, inner]) => inner !== undefined)
        .map(([name, inner]) => [name, prune(inner)]),
    );
  }
  return value;
}
