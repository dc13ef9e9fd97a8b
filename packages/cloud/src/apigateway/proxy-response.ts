import { isBinaryType } from './gateway-request.js';

/** An HTTP answer of the gateway; header values may repeat (multiValueHeaders). */
export interface GatewayResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | readonly string[]>>;
  readonly body: Buffer;
}

/** The function answered something API Gateway cannot map ("Malformed Lambda proxy response"). */
export class MalformedProxyResponseError extends Error {}

const KEYS = new Set(['statusCode', 'headers', 'multiValueHeaders', 'body', 'isBase64Encoded']);

/**
 * Maps a Lambda proxy response to HTTP as API Gateway does: `statusCode` required, `body` a
 * string (base64 decoded when `isBase64Encoded` and the response or Accept type is binary),
 * `headers` and `multiValueHeaders` merged (multiValueHeaders win for the same name), and
 * `Content-Type: application/json` when the function set none.
 *
 * @throws MalformedProxyResponseError for anything else, which API Gateway answers with 502
 */
export function mapProxyResponse(
  payload: Buffer,
  binaryMediaTypes: readonly string[],
  accept: string | undefined,
): GatewayResponse {
  let value: unknown;
  try {
    value = JSON.parse(payload.toString('utf8'));
  } catch {
    throw new MalformedProxyResponseError('the response is not JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new MalformedProxyResponseError('the response is not an object');
  const response = value as Record<string, unknown>;
  for (const key of Object.keys(response)) {
    if (!KEYS.has(key)) throw new MalformedProxyResponseError(`unexpected field ${key}`);
  }
  const status = Number(response.statusCode);
  if (!Number.isInteger(status) || status < 100 || status > 599)
    throw new MalformedProxyResponseError(`statusCode ${String(response.statusCode)} is not an HTTP status`);
  const headers: Record<string, string | string[]> = {};
  const lowerNames = new Map<string, string>();
  const put = (name: string, value: string | string[]): void => {
    const existing = lowerNames.get(name.toLowerCase());
    if (existing !== undefined && existing !== name) delete headers[existing];
    lowerNames.set(name.toLowerCase(), name);
    headers[name] = value;
  };
  if (response.headers !== undefined && response.headers !== null) {
    if (typeof response.headers !== 'object')
      throw new MalformedProxyResponseError('headers is not an object');
    for (const [name, header] of Object.entries(response.headers)) put(name, scalar(header, name));
  }
  if (response.multiValueHeaders !== undefined && response.multiValueHeaders !== null) {
    if (typeof response.multiValueHeaders !== 'object')
      throw new MalformedProxyResponseError('multiValueHeaders is not an object');
    for (const [name, values] of Object.entries(response.multiValueHeaders)) {
      if (!Array.isArray(values))
        throw new MalformedProxyResponseError(`multiValueHeaders.${name} is not a list`);
      put(
        name,
        values.map((item) => scalar(item, name)),
      );
    }
  }
  if (!lowerNames.has('content-type')) put('Content-Type', 'application/json');
  const body = response.body;
  if (body !== undefined && body !== null && typeof body !== 'string')
    throw new MalformedProxyResponseError('body is not a string');
  const text = typeof body === 'string' ? body : '';
  const contentTypeName = lowerNames.get('content-type') as string;
  const contentType = headers[contentTypeName];
  const binary =
    response.isBase64Encoded === true &&
    (isBinaryType(Array.isArray(contentType) ? contentType[0] : (contentType as string), binaryMediaTypes) ||
      isBinaryType(accept?.split(',')[0], binaryMediaTypes));
  return { status, headers, body: Buffer.from(text, binary ? 'base64' : 'utf8') };
}

function scalar(value: unknown, name: string): string {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  throw new MalformedProxyResponseError(`header ${name} is not a string`);
}
