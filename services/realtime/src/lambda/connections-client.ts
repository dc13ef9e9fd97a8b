import {
  ApiGatewayManagementApiClient,
  GoneException,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import { awsClientConfig } from '@motorcade/lambda';
import type { Pusher, PushOutcome } from '../domain/ports.js';
import { connectionsEndpoint } from './settings.js';

let client: ApiGatewayManagementApiClient | undefined;

/**
 * The `@connections` API client of this execution environment (created once, reused warm), with
 * the library's timeouts and keep-alive agents.
 * @example
 * await managementClient().send(new PostToConnectionCommand({ ConnectionId, Data }));
 */
export function managementClient(): ApiGatewayManagementApiClient {
  const endpoint = connectionsEndpoint();
  client ??= new ApiGatewayManagementApiClient({ ...awsClientConfig(), ...(endpoint ? { endpoint } : {}) });
  return client;
}

/**
 * Pushes through `PostToConnection`; a `GoneException` (the connection closed, its `$disconnect`
 * perhaps never ran) is an outcome, not a failure.
 * @example
 * const outcome = await connectionsPusher().push(connectionId, '{"type":"pong"}');
 */
export function connectionsPusher(): Pusher {
  return {
    async push(connectionId: string, data: string): Promise<PushOutcome> {
      try {
        await managementClient().send(
          new PostToConnectionCommand({ ConnectionId: connectionId, Data: Buffer.from(data) }),
        );
        return 'delivered';
      } catch (error) {
        if (error instanceof GoneException || (error as Error | undefined)?.name === 'GoneException')
          return 'gone';
        throw error;
      }
    },
  };
}
