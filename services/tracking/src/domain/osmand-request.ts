import { z } from 'zod';
import { PositionValidationError, TRACKING_ERROR } from './errors.js';
import { parseOsmandJson } from './osmand-json.js';
import { parseOsmandParameters } from './osmand-query.js';
import type { Position } from './position.js';

/**
 * The parts of an HTTP request (API Gateway proxy event names) an OsmAnd position travels in.
 * The method does not matter: Traccar accepts GET and POST alike, and so do we.
 */
export const osmandRequestSchema = z.object({
  queryStringParameters: z.record(z.string(), z.string().optional()).nullish(),
  headers: z.record(z.string(), z.string().optional()).nullish(),
  body: z.string().nullish(),
  isBase64Encoded: z.boolean().nullish(),
});
/** An OsmAnd request's position-bearing parts. */
export type OsmandRequest = z.infer<typeof osmandRequestSchema>;

/**
 * Reads the one position an OsmAnd request carries, in whichever form it came:
 * - a JSON body (`Content-Type: application/json`, or a body that starts with `{`), as Traccar
 *   Client 9 POSTs it — see {@link parseOsmandJson};
 * - query parameters, form parameters (`application/x-www-form-urlencoded` body), or both — see
 *   {@link parseOsmandParameters}. Traccar reads the body only when the query is empty; we merge
 *   the two because the server URL configured in the app may itself carry `?key=…`. When a name
 *   is in both, the query wins, as it does when the devices service authenticates the request.
 *
 * `now` is the server's clock: it is the fix time when none is sent, and the reference for
 * refusing fix times more than a day ahead. The unknown-device 404 is the handler's job.
 * @throws PositionValidationError (400) naming the field and value; `MALFORMED_BODY` for JSON that
 * does not parse
 * @example
 * const position = parseOsmand({ queryStringParameters: event.queryStringParameters, headers: event.headers, body: event.body }, new Date());
 */
export function parseOsmand(request: OsmandRequest, now: Date): Position {
  const query = definedOnly(request.queryStringParameters ?? {});
  const text = bodyText(request);
  if (text !== undefined && isJson(request.headers ?? {}, text)) {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (error) {
      throw new PositionValidationError(
        TRACKING_ERROR.malformedBody,
        'body',
        undefined,
        'is not valid JSON',
        {
          cause: error,
        },
      );
    }
    return parseOsmandJson(body, now, query.id ?? query.deviceid);
  }
  const form = text === undefined ? {} : Object.fromEntries(new URLSearchParams(text));
  return parseOsmandParameters({ ...form, ...query }, now);
}

function bodyText(request: OsmandRequest): string | undefined {
  if (!request.body) return undefined;
  const text = request.isBase64Encoded ? Buffer.from(request.body, 'base64').toString('utf8') : request.body;
  return text.trim() === '' ? undefined : text.trim();
}

function isJson(headers: Readonly<Record<string, string | undefined>>, text: string): boolean {
  const contentType = Object.entries(headers).find(([name]) => name.toLowerCase() === 'content-type')?.[1];
  // Some trackers post JSON with a text/plain content type, so the body's first character decides too.
  return contentType?.toLowerCase().startsWith('application/json') === true || text.startsWith('{');
}

function definedOnly(record: Readonly<Record<string, string | undefined>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(record).filter(
      (entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '',
    ),
  );
}
