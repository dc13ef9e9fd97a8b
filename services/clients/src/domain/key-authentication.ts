import { parseApiKey, secretMatches } from './api-key.js';
import type { ClientCaller } from './caller.js';
import { InvalidApiKeyError } from './errors.js';
import type { ClientStore } from './ports.js';

/**
 * What the clients authorizer decides: the key must be ours, its secret must match, and it must
 * not be revoked. Its use is recorded (last-used time). Answers the client system, its
 * organisation and the key's scopes, or {@link InvalidApiKeyError} saying why not.
 * @example
 * const client = await authenticateKey(store, event.authorizationToken);
 */
export async function authenticateKey(
  store: ClientStore,
  presented: string,
  now: Date = new Date(),
): Promise<ClientCaller> {
  const parts = parseApiKey(presented);
  if (!parts) throw new InvalidApiKeyError('not an API key');
  const key = await store.keyForAuthentication(parts.lookupId);
  // The secret is compared even for an unknown id, so both take the same time.
  const matches = secretMatches(parts.secret, key?.secretHash ?? '');
  if (!key || !matches) throw new InvalidApiKeyError('unknown key or wrong secret');
  if (key.revoked) throw new InvalidApiKeyError('revoked');
  await store.touchKey(key.keyId, now);
  return { clientId: key.clientId, orgId: key.orgId, scopes: key.scopes };
}
