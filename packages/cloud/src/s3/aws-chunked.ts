import { s3Errors } from './s3-errors.js';

/** A request body decoded from `Content-Encoding: aws-chunked`. */
export interface DecodedChunkedBody {
  readonly data: Buffer;
  /** Trailing headers, lower-cased (`x-amz-checksum-crc32`); chunk and trailer signatures are dropped. */
  readonly trailers: Readonly<Record<string, string>>;
}

const CRLF = Buffer.from('\r\n');

/**
 * Decodes an `aws-chunked` body as the SDK streams it: `<hex size>[;chunk-signature=...]\r\n
 * <bytes>\r\n` chunks, a zero-size chunk, then optional trailer lines (`x-amz-checksum-crc32:...`)
 * and an empty line. Chunk signatures (`STREAMING-AWS4-HMAC-SHA256-PAYLOAD`) are not verified,
 * as no header signature is. A malformed or truncated body is S3's `IncompleteBody`.
 */
export function decodeAwsChunked(body: Buffer): DecodedChunkedBody {
  const chunks: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const lineEnd = body.indexOf(CRLF, offset);
    if (lineEnd === -1) throw s3Errors.incompleteBody();
    const header = body.subarray(offset, lineEnd).toString('latin1');
    const sizeText = header.split(';', 1)[0]?.trim() ?? '';
    if (!/^[0-9a-fA-F]+$/.test(sizeText)) throw s3Errors.incompleteBody();
    const size = Number.parseInt(sizeText, 16);
    offset = lineEnd + 2;
    if (size === 0) break;
    if (offset + size + 2 > body.length) throw s3Errors.incompleteBody();
    chunks.push(body.subarray(offset, offset + size));
    offset += size;
    if (!body.subarray(offset, offset + 2).equals(CRLF)) throw s3Errors.incompleteBody();
    offset += 2;
  }
  const trailers: Record<string, string> = {};
  for (;;) {
    const lineEnd = body.indexOf(CRLF, offset);
    // Some clients end the body right after the last trailer line without the final empty line.
    const line = body.subarray(offset, lineEnd === -1 ? body.length : lineEnd).toString('latin1');
    if (line === '') break;
    const colon = line.indexOf(':');
    if (colon === -1) throw s3Errors.incompleteBody();
    const name = line.slice(0, colon).trim().toLowerCase();
    if (name !== 'x-amz-trailer-signature') trailers[name] = line.slice(colon + 1).trim();
    if (lineEnd === -1) break;
    offset = lineEnd + 2;
  }
  return { data: chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks), trailers };
}
