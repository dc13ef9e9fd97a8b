import { createHash } from 'node:crypto';
import type { MessageAttributeValue } from './sqs-message.js';

/** MD5 (hex) of a message body, as SQS returns it in `MD5OfMessageBody` and `MD5OfBody`. */
export function md5OfBody(body: string): string {
  return createHash('md5').update(body, 'utf8').digest('hex');
}

const STRING_TRANSPORT = 1;
const BINARY_TRANSPORT = 2;

/**
 * MD5 (hex) of message attributes, computed as SQS does (and as the SDKs verify it): the
 * attributes sorted by name, each encoded as length-prefixed name, length-prefixed data type,
 * one transport byte (1 string, 2 binary) and the length-prefixed value; lengths are 4-byte
 * big-endian. Undefined when there are no attributes (SQS then omits the field).
 */
export function md5OfMessageAttributes(
  attributes: Readonly<Record<string, MessageAttributeValue>> | undefined,
): string | undefined {
  if (!attributes) return undefined;
  const names = Object.keys(attributes).sort();
  if (names.length === 0) return undefined;
  const hash = createHash('md5');
  for (const name of names) {
    const value = attributes[name] as MessageAttributeValue;
    hash.update(lengthPrefixed(Buffer.from(name, 'utf8')));
    hash.update(lengthPrefixed(Buffer.from(value.DataType, 'utf8')));
    if (value.StringValue !== undefined) {
      hash.update(Buffer.of(STRING_TRANSPORT));
      hash.update(lengthPrefixed(Buffer.from(value.StringValue, 'utf8')));
    } else {
      hash.update(Buffer.of(BINARY_TRANSPORT));
      hash.update(lengthPrefixed(Buffer.from(value.BinaryValue ?? '', 'base64')));
    }
  }
  return hash.digest('hex');
}

function lengthPrefixed(bytes: Buffer): Buffer {
  const out = Buffer.allocUnsafe(4 + bytes.length);
  out.writeUInt32BE(bytes.length, 0);
  bytes.copy(out, 4);
  return out;
}
