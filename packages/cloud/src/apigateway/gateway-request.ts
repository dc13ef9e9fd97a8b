import { randomBytes, randomUUID } from 'node:crypto';

/** An HTTP request as the gateway hands it to an API, the body read whole. */
export interface GatewayRequest {
  readonly method: string;
  /** The path inside the API (the base path removed), decoded, `/` at least. */
  readonly path: string;
  /** Query string without `?`. */
  readonly rawQuery: string;
  /** Node's `rawHeaders`: names with the client's own case, alternating with values. */
  readonly rawHeaders: readonly string[];
  readonly body: Buffer;
  readonly sourceIp: string;
  readonly receivedAtMs: number;
}

/** Headers and query parameters in both of API Gateway's shapes (single value: the last one). */
export interface RequestParameters {
  readonly headers: Record<string, string> | null;
  readonly multiValueHeaders: Record<string, string[]> | null;
  readonly queryStringParameters: Record<string, string> | null;
  readonly multiValueQueryStringParameters: Record<string, string[]> | null;
}

/** Ids API Gateway gives each request. */
export interface RequestIds {
  readonly requestId: string;
  readonly extendedRequestId: string;
  readonly traceId: string;
}

/** Reads headers (keeping the client's case) and the query string (decoded). */
export function requestParameters(request: GatewayRequest): RequestParameters {
  let headers: Record<string, string> | null = null;
  let multiValueHeaders: Record<string, string[]> | null = null;
  const raw = request.rawHeaders;
  for (let index = 0; index + 1 < raw.length; index += 2) {
    const name = raw[index] as string;
    const value = raw[index + 1] as string;
    headers ??= {};
    multiValueHeaders ??= {};
    headers[name] = value;
    const values = multiValueHeaders[name];
    if (values) values.push(value);
    else multiValueHeaders[name] = [value];
  }
  let queryStringParameters: Record<string, string> | null = null;
  let multiValueQueryStringParameters: Record<string, string[]> | null = null;
  if (request.rawQuery !== '') {
    for (const [name, value] of new URLSearchParams(request.rawQuery)) {
      queryStringParameters ??= {};
      multiValueQueryStringParameters ??= {};
      queryStringParameters[name] = value;
      const values = multiValueQueryStringParameters[name];
      if (values) values.push(value);
      else multiValueQueryStringParameters[name] = [value];
    }
  }
  return { headers, multiValueHeaders, queryStringParameters, multiValueQueryStringParameters };
}

/** A header's last value, whatever the case of its name. */
export function headerValue(parameters: RequestParameters, name: string): string | undefined {
  if (!parameters.headers) return undefined;
  const lower = name.toLowerCase();
  let found: string | undefined;
  for (const [key, value] of Object.entries(parameters.headers))
    if (key.toLowerCase() === lower) found = value;
  return found;
}

// Random per process, then counted: unique ids without two calls into the CSPRNG per request.
const ID_PREFIX = randomBytes(8).toString('hex');
let idCounter = 0;

/** New ids for a request: a UUID request id, an API Gateway style extended id and an X-Ray root. */
export function newRequestIds(nowMs: number): RequestIds {
  const seconds = Math.floor(nowMs / 1000)
    .toString(16)
    .padStart(8, '0');
  idCounter = (idCounter + 1) % 0xffffffff;
  const count = idCounter.toString(16).padStart(8, '0');
  return {
    requestId: randomUUID(),
    extendedRequestId: Buffer.from(`${ID_PREFIX.slice(0, 4)}${count}`, 'hex').toString('base64url'),
    traceId: `Root=1-${seconds}-${ID_PREFIX}${count}`,
  };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** API Gateway's `requestTime`: `09/Apr/2015:12:34:56 +0000`. */
export function requestTime(epochMs: number): string {
  const d = new Date(epochMs);
  const two = (value: number): string => String(value).padStart(2, '0');
  return `${two(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
}

// Whether `contentType` is one of the API binary media types; `image/*` and `*/*` patterns match too.
export function isBinaryType(contentType: string | undefined, binaryMediaTypes: readonly string[]): boolean {
  if (!contentType || binaryMediaTypes.length === 0) return false;
  const type = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  return binaryMediaTypes.some((pattern) => {
    const p = pattern.toLowerCase();
    if (p === '*/*' || p === type) return true;
    return p.endsWith('/*') && type.startsWith(p.slice(0, -1));
  });
}
