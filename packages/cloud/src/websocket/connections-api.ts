import { WebSocket } from 'ws';
import { type EdgeRoute, jsonResponse } from '../edge/edge-route.js';
import { AwsApiError } from '../errors.js';
import type { ConnectionRegistry } from './connection-registry.js';
import { MAX_MESSAGE_BYTES } from './websocket-gateway.js';

const PATH = /^\/(?:[^/]+\/)?@connections\/([^/]+)$/;

/**
 * The `@connections` management API on the edge, as `@aws-sdk/client-apigatewaymanagementapi`
 * calls it: PostToConnection, GetConnection and DeleteConnection, with `GoneException` (410) for a
 * connection that is closed or never existed. The stage may prefix the path (`/prod/@connections/…`),
 * as it does on the API's own endpoint.
 */
export function connectionsApiRoutes(connections: ConnectionRegistry): EdgeRoute[] {
  const open = (match: RegExpMatchArray) => {
    const connection = connections.get(decodeURIComponent(match[1] as string));
    if (!connection || connection.socket.readyState !== WebSocket.OPEN) {
      throw new AwsApiError('GoneException', 410, 'The connection is gone');
    }
    return connection;
  };
  return [
    {
      method: 'POST',
      pattern: PATH,
      maxBodyBytes: MAX_MESSAGE_BYTES + 1,
      handle: (request, match) => {
        if (request.body.length > MAX_MESSAGE_BYTES) {
          throw new AwsApiError(
            'PayloadTooLargeException',
            413,
            `Message too long: the limit is ${MAX_MESSAGE_BYTES} bytes`,
          );
        }
        const connection = open(match);
        connection.socket.send(request.body.toString('utf8'));
        return { status: 200 };
      },
    },
    {
      method: 'GET',
      pattern: PATH,
      handle: (_request, match) => {
        const connection = open(match);
        // The wire names are camelCase (the SDK maps them to ConnectedAt, Identity.SourceIp, ...).
        return jsonResponse(200, {
          connectedAt: new Date(connection.connectedAt).toISOString(),
          identity: { sourceIp: connection.sourceIp, userAgent: connection.userAgent },
          lastActiveAt: new Date(connection.lastActiveAt).toISOString(),
        });
      },
    },
    {
      method: 'DELETE',
      pattern: PATH,
      handle: (_request, match) => {
        open(match).socket.close(1000, 'Connection closed by the API');
        return { status: 204 };
      },
    },
  ];
}
