import type { EnvironmentContext, LocalService } from '../cloud-service.js';
import type { ServiceFactory } from '../environment.js';
import type { ResourceProvider } from '../stacks/resource-provider.js';
import { WebSocketApiRegistry } from './websocket-api-registry.js';
import { webSocketProviders } from './websocket-providers.js';

export const WEBSOCKET_SERVICE = 'websocket';

/** API Gateway WebSocket APIs of one environment: their definitions, filled by the stacks. */
export class WebSocketService implements LocalService {
  readonly registry = new WebSocketApiRegistry();
  readonly context: EnvironmentContext;

  constructor(context: EnvironmentContext) {
    this.context = context;
  }

  providers(): Readonly<Record<string, ResourceProvider>> {
    return webSocketProviders(this.registry, this.context);
  }

  async close(): Promise<void> {}
}

export const webSocketService: ServiceFactory = {
  name: WEBSOCKET_SERVICE,
  create: (context) => new WebSocketService(context),
};
