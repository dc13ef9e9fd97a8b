import { z } from 'zod';

/**
 * The parts of an HTTP request (API Gateway's proxy event names) that may carry an OsmAnd device's
 * credentials. A service that receives OsmAnd requests passes these fields on unchanged.
 */
export const osmandRequestSchema = z.object({
  queryStringParameters: z.record(z.string(), z.string().optional()).nullish(),
  headers: z.record(z.string(), z.string().optional()).nullish(),
  body: z.string().nullish(),
  isBase64Encoded: z.boolean().nullish(),
});
/** An OsmAnd request's credential-bearing parts. */
export type OsmandRequest = z.infer<typeof osmandRequestSchema>;

/** The query or form parameter that carries the device secret. */
export const SECRET_PARAMETER = 'key';

/** The credentials found in a request; either may be missing. */
export interface OsmandCredentials {
  readonly uniqueId?: string;
  readonly secret?: string;
}

/**
 * Finds an OsmAnd device's credentials. The device is named by `id` or `deviceid` (query or form
 * parameters, as OsmAnd and Traccar Client up to version 8 send them) or by `device_id` in a JSON
 * body (Traccar Client 9). The secret travels as the `key` parameter — Traccar Client keeps query
 * parameters of its server URL, so `https://host/tracking/osmand?key=<secret>` works with an
 * unmodified app — or as `Authorization: Bearer <secret>` from devices that can set a header.
 * @example
 * const { uniqueId, secret } = osmandCredentials({ queryStringParameters: { id: '123', key: 'mcd_…' } });
 */
export function osmandCredentials(request: OsmandRequest): OsmandCredentials {
  const query = request.queryStringParameters ?? {};
  const body = bodyParameters(request);
  const uniqueId = first(query.id, query.deviceid, body.id, body.deviceid, body.device_id);
  const secret = first(query[SECRET_PARAMETER], body[SECRET_PARAMETER], bearer(request.headers ?? {}));
  return { ...(uniqueId ? { uniqueId } : {}), ...(secret ? { secret } : {}) };
}

function bodyParameters(request: OsmandRequest): Record<string, string | undefined> {
  if (!request.body) return {};
  const text = request.isBase64Encoded ? Buffer.from(request.body, 'base64').toString('utf8') : request.body;
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (typeof parsed !== 'object' || parsed === null) return {};
      return Object.fromEntries(
        Object.entries(parsed).flatMap(([name, value]) =>
          typeof value === 'string' || typeof value === 'number' ? [[name, String(value)]] : [],
        ),
      );
    } catch {
      return {};
    }
  }
  return Object.fromEntries(new URLSearchParams(trimmed));
}

function bearer(headers: Readonly<Record<string, string | undefined>>): string | undefined {
  const value = Object.entries(headers).find(([name]) => name.toLowerCase() === 'authorization')?.[1];
  return value?.match(/^Bearer\s+(\S+)$/i)?.[1];
}

function first(...values: readonly (string | undefined)[]): string | undefined {
  return values.map((value) => value?.trim()).find((value) => value !== undefined && value !== '');
}
