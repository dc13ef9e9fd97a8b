/** An identity source of a WebSocket `$connect` authorizer: `route.request.header.X` or `route.request.querystring.Y`. */
export interface IdentitySource {
  readonly kind: 'header' | 'querystring';
  readonly name: string;
}

export interface WebSocketAuthorizer {
  readonly id: string;
  readonly name: string;
  readonly functionArn: string;
  readonly identitySources: readonly IdentitySource[];
}

export interface WebSocketRoute {
  readonly id: string;
  readonly routeKey: string;
  readonly integrationId: string | undefined;
  readonly authorizerId: string | undefined;
  /** Set for two-way routes: the integration's response body goes back to the client. */
  readonly routeResponseSelectionExpression: string | undefined;
}

/** One `AWS::ApiGatewayV2::Api` with `ProtocolType: WEBSOCKET` and what hangs off it. */
export interface WebSocketApi {
  readonly id: string;
  readonly name: string;
  readonly stackName: string;
  readonly service: string;
  readonly logicalId: string;
  /** e.g. `$request.body.action`. */
  readonly routeSelectionExpression: string;
  readonly routes: Map<string, WebSocketRoute>;
  /** Integration id → the function it invokes. */
  readonly integrations: Map<string, string>;
  readonly authorizers: Map<string, WebSocketAuthorizer>;
  readonly stages: Set<string>;
}

/**
 * The WebSocket APIs of one environment, as their stacks' resources define them. The resource
 * providers fill it; the gateway reads it for every connection and message.
 */
export class WebSocketApiRegistry {
  readonly #apis = new Map<string, WebSocketApi>();

  add(api: Omit<WebSocketApi, 'routes' | 'integrations' | 'authorizers' | 'stages'>): WebSocketApi {
    const existing = this.#apis.get(api.id);
    const entry: WebSocketApi = {
      ...api,
      routes: existing?.routes ?? new Map(),
      integrations: existing?.integrations ?? new Map(),
      authorizers: existing?.authorizers ?? new Map(),
      stages: existing?.stages ?? new Set(),
    };
    this.#apis.set(api.id, entry);
    return entry;
  }

  remove(apiId: string): void {
    this.#apis.delete(apiId);
  }

  get(apiId: string): WebSocketApi | undefined {
    return this.#apis.get(apiId);
  }

  list(): WebSocketApi[] {
    return [...this.#apis.values()];
  }

  /** The API a path is served under: `/<service>` when its stack has one WebSocket API, else `/<service>/<LogicalId>`. */
  basePath(api: WebSocketApi): string {
    const siblings = this.list().filter((other) => other.stackName === api.stackName);
    return siblings.length === 1 ? `/${api.service}` : `/${api.service}/${api.logicalId}`;
  }

  /** The API whose base path `path` is (exactly: a WebSocket URL has no sub-paths). */
  find(path: string): WebSocketApi | undefined {
    const trimmed = path.replace(/\/+$/, '') || '/';
    return this.list().find((api) => this.basePath(api) === trimmed);
  }
}
