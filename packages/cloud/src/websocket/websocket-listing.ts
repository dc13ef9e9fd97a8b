import type { CloudEnvironment } from '../environment.js';
import { WEBSOCKET_SERVICE, type WebSocketService } from './websocket-service.js';

/** A stack's WebSocket APIs with their `ws://` URLs, for `/_motorcade/stacks`. */
export function webSocketApis(
  env: CloudEnvironment,
  stackName: string,
  environmentUrl: string,
): { logicalId: string; url: string }[] {
  const registry = env.service<WebSocketService>(WEBSOCKET_SERVICE).registry;
  return registry
    .list()
    .filter((api) => api.stackName === stackName)
    .map((api) => ({
      logicalId: api.logicalId,
      url: `${environmentUrl.replace(/^http/, 'ws')}${registry.basePath(api)}`,
    }));
}
