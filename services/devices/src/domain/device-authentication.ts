import type { AuthenticatedDevice } from './device.js';
import { deviceSecretMatches } from './device-secret.js';
import { type OsmandRequest, osmandCredentials } from './osmand-credentials.js';
import type { DeviceCredentials, DeviceStore } from './ports.js';

/** Why a device was not authenticated (for the caller's log; a device is told only 401). */
export type DeviceRefusal = 'MISSING_DEVICE_ID' | 'MISSING_SECRET' | 'INVALID_CREDENTIALS';

/** What the `AuthenticateDevice` function answers. */
export type DeviceAuthentication =
  | { readonly authenticated: true; readonly device: AuthenticatedDevice }
  | { readonly authenticated: false; readonly reason: DeviceRefusal };

/**
 * Authenticates an OsmAnd request: the unique id it names and the secret it carries must belong
 * to one live device. Two organisations may use the same unique id; the secret picks the device.
 * @example
 * const result = await authenticateOsmand(store, { queryStringParameters: event.queryStringParameters, headers: event.headers, body: event.body });
 */
export async function authenticateOsmand(
  store: DeviceStore,
  request: OsmandRequest,
  now: Date = new Date(),
): Promise<DeviceAuthentication> {
  const { uniqueId, secret } = osmandCredentials(request);
  if (!uniqueId) return { authenticated: false, reason: 'MISSING_DEVICE_ID' };
  if (!secret) return { authenticated: false, reason: 'MISSING_SECRET' };
  const candidates = await store.liveByUniqueId(uniqueId);
  return accept(store, matching(candidates, secret), now);
}

/**
 * Authenticates an MQTT connection: the username is the device's id, the password its secret.
 * @example
 * const result = await authenticateMqtt(store, username, password);
 */
export async function authenticateMqtt(
  store: DeviceStore,
  username: string | undefined,
  password: string | undefined,
  now: Date = new Date(),
): Promise<DeviceAuthentication> {
  if (!username) return { authenticated: false, reason: 'MISSING_DEVICE_ID' };
  if (!password) return { authenticated: false, reason: 'MISSING_SECRET' };
  const candidate = /^[0-9a-f-]{36}$/i.test(username) ? await store.liveById(username) : undefined;
  return accept(store, matching(candidate ? [candidate] : [], password), now);
}

function matching(candidates: readonly DeviceCredentials[], secret: string): DeviceCredentials | undefined {
  // Every candidate is compared, so the time taken does not tell which one matched.
  const matches = candidates.filter((candidate) => deviceSecretMatches(secret, candidate.secretHash));
  return matches[0];
}

async function accept(
  store: DeviceStore,
  match: DeviceCredentials | undefined,
  now: Date,
): Promise<DeviceAuthentication> {
  if (!match) return { authenticated: false, reason: 'INVALID_CREDENTIALS' };
  const { device } = match;
  await store.touch(device.id, now);
  return {
    authenticated: true,
    device: {
      deviceId: device.id,
      orgId: device.orgId,
      vehicleId: device.vehicleId,
      uniqueId: device.uniqueId,
    },
  };
}
