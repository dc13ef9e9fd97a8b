import { randomUUID } from 'node:crypto';
import { requestTime } from '../apigateway/gateway-request.js';
import type { Connection } from './connection-registry.js';

export type WebSocketEventType = 'CONNECT' | 'MESSAGE' | 'DISCONNECT';

/** The parts of the upgrade request a `$connect` event and its authorizer carry. */
export interface UpgradeRequest {
  readonly headers: Record<string, string>;
  readonly multiValueHeaders: Record<string, string[]>;
  readonly queryStringParameters: Record<string, string> | undefined;
  readonly multiValueQueryStringParameters: Record<string, string[]> | undefined;
}

/** The `requestContext` API Gateway gives WebSocket integrations. */
export function webSocketRequestContext(
  connection: Pick<
    Connection,
    'id' | 'api' | 'stage' | 'connectedAt' | 'sourceIp' | 'userAgent' | 'authorizer'
  >,
  routeKey: string,
  eventType: WebSocketEventType,
  domainName: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const now = Date.now();
  const requestId = randomUUID();
  return {
    routeKey,
    ...(eventType === 'MESSAGE' ? { messageId: randomUUID().replaceAll('-', '').slice(0, 16) } : {}),
    eventType,
    extendedRequestId: requestId,
    requestTime: requestTime(now),
    messageDirection: 'IN',
    stage: connection.stage,
    connectedAt: connection.connectedAt,
    requestTimeEpoch: now,
    identity: { userAgent: connection.userAgent, sourceIp: connection.sourceIp },
    requestId,
    domainName,
    connectionId: connection.id,
    apiId: connection.api.id,
    ...(connection.authorizer ? { authorizer: connection.authorizer } : {}),
    ...extra,
  };
}
