import { type Connection, connectionOwnerSchema } from './connection.js';
import { REALTIME_ERROR, RealtimeError } from './errors.js';
import type { ConnectionStore } from './ports.js';

/**
 * Records a connection that passed the `$connect` authorizer, with the owner from its context.
 * A context without `{ userId, orgId, role }` (the route deployed without its authorizer) is
 * refused, never kept as an anonymous connection.
 * @throws RealtimeError `INVALID_AUTHORIZATION`
 * @example
 * await openConnection(store, { connectionId, connectedAt: new Date(ms), authorizer: requestContext.authorizer });
 */
export async function openConnection(
  store: ConnectionStore,
  request: { readonly connectionId: string; readonly connectedAt: Date; readonly authorizer: unknown },
): Promise<Connection> {
  const owner = connectionOwnerSchema.safeParse(request.authorizer ?? {});
  if (!owner.success) {
    throw new RealtimeError(
      REALTIME_ERROR.invalidAuthorization,
      'The connection has no { userId, orgId, role } authorizer context: is $connect behind its authorizer?',
      { cause: owner.error },
    );
  }
  const connection: Connection = {
    connectionId: request.connectionId,
    connectedAt: request.connectedAt,
    ...owner.data,
  };
  await store.add(connection);
  return connection;
}

/**
 * Forgets a closed connection.
 * @example
 * await closeConnection(store, requestContext.connectionId);
 */
export async function closeConnection(store: ConnectionStore, connectionId: string): Promise<void> {
  await store.remove([connectionId]);
}
