import { createHash } from 'node:crypto';
import { invoke } from '@motorcade/lambda';
import { z } from 'zod';
import type { OsmandRequest } from '../domain/osmand-request.js';
import type { DeviceRef } from '../domain/tracked-position.js';
import { authenticateDeviceArn, lookupDevicesArn } from './settings.js';
import { TtlCache } from './ttl-cache.js';

/**
 * How long a device's resolution is reused in this execution environment: a device moved to another
 * vehicle, or revoked, is noticed within this time (the MQTT broker itself re-checks every 10 min).
 */
export const DEVICE_CACHE_MS = 60_000;

const deviceSchema = z.object({
  deviceId: z.string(),
  orgId: z.string(),
  vehicleId: z.string(),
  uniqueId: z.string(),
});
const lookupResultSchema = z.object({ devices: z.array(deviceSchema) });
const authenticationSchema = z.union([
  z.object({ authenticated: z.literal(true), device: deviceSchema }),
  z.object({ authenticated: z.literal(false), reason: z.string() }),
]);

const byId = new TtlCache<DeviceRef>(DEVICE_CACHE_MS);
const byUniqueId = new TtlCache<DeviceRef>(DEVICE_CACHE_MS);
const byCredentials = new TtlCache<DeviceRef>(DEVICE_CACHE_MS);

const ref = ({ deviceId, orgId, vehicleId }: DeviceRef): DeviceRef => ({ deviceId, orgId, vehicleId });

/**
 * Resolves device ids (MQTT topics) through the devices stack's `LookupDevices`, one call for all
 * the ids not cached. Unknown and revoked devices are missing from the answer; they are not
 * cached, so a device registered a moment ago is found at once.
 * @example
 * const devices = await devicesById(['6f1c…']);
 */
export async function devicesById(deviceIds: readonly string[]): Promise<Map<string, DeviceRef>> {
  return resolve(
    deviceIds,
    byId,
    (id) => id,
    async (missing) => {
      const { devices } = await invoke(
        lookupDevicesArn(),
        { deviceIds: missing },
        { result: lookupResultSchema },
      );
      return devices.map((device) => [device.deviceId, ref(device)]);
    },
  );
}

/**
 * Resolves the unique ids an organisation's client system sends (a batch) through `LookupDevices`.
 * @example
 * const devices = await devicesByUniqueId(client.orgId, ['356938035643809']);
 */
export async function devicesByUniqueId(
  orgId: string,
  uniqueIds: readonly string[],
): Promise<Map<string, DeviceRef>> {
  return resolve(
    uniqueIds,
    byUniqueId,
    (id) => `${orgId}/${id}`,
    async (missing) => {
      const { devices } = await invoke(
        lookupDevicesArn(),
        { orgId, uniqueIds: missing },
        { result: lookupResultSchema },
      );
      return devices.map((device) => [device.uniqueId, ref(device)]);
    },
  );
}

/** What authenticating an OsmAnd request answered. */
export type OsmandAuthentication =
  | { readonly authenticated: true; readonly device: DeviceRef }
  | { readonly authenticated: false; readonly reason: string };

/**
 * Authenticates an OsmAnd request through the devices stack's `AuthenticateDevice` (docs/identity.md,
 * "OsmAnd"). A success is remembered for {@link DEVICE_CACHE_MS} under a hash of the unique id and
 * the secret — never the secret itself — so a phone reporting every few seconds costs one call a minute.
 * @example
 * const result = await authenticateOsmand({ queryStringParameters, headers, body, isBase64Encoded });
 */
export async function authenticateOsmand(request: OsmandRequest): Promise<OsmandAuthentication> {
  const key = credentialKey(request);
  const cached = key === undefined ? undefined : byCredentials.get(key);
  if (cached) return { authenticated: true, device: cached };
  const result = await invoke(
    authenticateDeviceArn(),
    {
      queryStringParameters: request.queryStringParameters ?? null,
      headers: request.headers ?? null,
      body: request.body ?? null,
      isBase64Encoded: request.isBase64Encoded ?? false,
    },
    { result: authenticationSchema },
  );
  if (!result.authenticated) return result;
  if (key !== undefined) byCredentials.set(key, ref(result.device));
  return { authenticated: true, device: ref(result.device) };
}

async function resolve(
  ids: readonly string[],
  cache: TtlCache<DeviceRef>,
  cacheKey: (id: string) => string,
  fetch: (missing: string[]) => Promise<[string, DeviceRef][]>,
): Promise<Map<string, DeviceRef>> {
  const found = new Map<string, DeviceRef>();
  const missing: string[] = [];
  for (const id of new Set(ids)) {
    const hit = cache.get(cacheKey(id));
    if (hit) found.set(id, hit);
    else missing.push(id);
  }
  if (missing.length === 0) return found;
  for (const [id, device] of await fetch(missing)) {
    cache.set(cacheKey(id), device);
    found.set(id, device);
  }
  return found;
}

// The credentials exactly as the devices service reads them (docs/identity.md): the id from
// id/deviceid (query, then body) or device_id (JSON); the secret from key (query, then body) or a
// bearer header. Hashed: the cache never holds a secret.
function credentialKey(request: OsmandRequest): string | undefined {
  const query = request.queryStringParameters ?? {};
  const body = bodyParameters(request);
  const uniqueId = first(query.id, query.deviceid, body.id, body.deviceid, body.device_id);
  const secret = first(query.key, body.key, bearer(request.headers ?? {}));
  if (!uniqueId || !secret) return undefined;
  return createHash('sha256').update(`${uniqueId}\u0000${secret}`).digest('base64url');
}

function bodyParameters(request: OsmandRequest): Record<string, string | undefined> {
  if (!request.body) return {};
  const text = (
    request.isBase64Encoded ? Buffer.from(request.body, 'base64').toString('utf8') : request.body
  ).trim();
  if (!text.startsWith('{')) return Object.fromEntries(new URLSearchParams(text));
  try {
    const parsed: unknown = JSON.parse(text);
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

function bearer(headers: Readonly<Record<string, string | undefined>>): string | undefined {
  const value = Object.entries(headers).find(([name]) => name.toLowerCase() === 'authorization')?.[1];
  return value?.match(/^Bearer\s+(\S+)$/i)?.[1];
}

function first(...values: readonly (string | undefined)[]): string | undefined {
  return values.map((value) => value?.trim()).find((value) => value !== undefined && value !== '');
}
