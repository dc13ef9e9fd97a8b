import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import { evaluatePolicy, parsePolicy } from '../apigateway/policy.js';
import type { CloudEnvironment } from '../environment.js';
import { type Connection, ConnectionRegistry } from './connection-registry.js';
import type { WebSocketApi, WebSocketRoute } from './websocket-api-registry.js';
import { type UpgradeRequest, webSocketRequestContext } from './websocket-events.js';
import { WEBSOCKET_SERVICE, type WebSocketService } from './websocket-service.js';

/** API Gateway's limit on one WebSocket message (frames are joined up to this size). */
export const MAX_MESSAGE_BYTES = 128 * 1024;

export interface WebSocketGatewayOptions {
  readonly environments: readonly CloudEnvironment[];
  readonly connections: ConnectionRegistry;
  /** One readable line per connect, refusal and disconnect. */
  readonly onLog?: (line: string) => void;
}

type Draft = Omit<Connection, 'socket' | 'lastActiveAt' | 'authorizer'>;

/**
 * Serves WebSocket APIs on the gateway port: the upgrade request runs the `$connect` authorizer and
 * integration (a refusal answers the upgrade with 401, 403 or the integration's status), each
 * message is routed by the API's route selection expression to its integration, a close runs
 * `$disconnect` — with API Gateway's event shapes.
 */
export class WebSocketGateway {
  readonly #options: WebSocketGatewayOptions;
  readonly #server = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

  constructor(options: WebSocketGatewayOptions) {
    this.#options = options;
  }

  /** The `upgrade` handler of the gateway's HTTP server. */
  handleUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    this.#upgrade(request, socket, head).catch((error: unknown) => {
      this.#options.onLog?.(`WebSocket upgrade failed: ${(error as Error).message}`);
      refuse(socket, 500);
    });
  };

  close(): void {
    this.#options.connections.closeAll();
    this.#server.close();
  }

  async #upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const found = this.#find(url.pathname);
    if (!found) {
      refuse(socket, 403);
      return;
    }
    const { environment, api } = found;
    const upgrade = upgradeRequest(request, url);
    const draft: Draft = {
      id: ConnectionRegistry.newId(),
      environment,
      api,
      stage: [...api.stages][0] ?? '$default',
      connectedAt: Date.now(),
      sourceIp: (request.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
      userAgent: request.headers['user-agent'],
    };
    const domainName = request.headers.host ?? 'localhost';
    const route = api.routes.get('$connect');
    let authorizer: Record<string, unknown> | undefined;
    if (route?.authorizerId) {
      const decision = await this.#authorize(draft, route, upgrade, domainName);
      if (typeof decision === 'number') {
        this.#log(`WS ${url.pathname} $connect → ${decision} (authorizer)`);
        refuse(socket, decision);
        return;
      }
      authorizer = decision;
    }
    if (route?.integrationId) {
      const event = {
        ...upgrade,
        requestContext: webSocketRequestContext({ ...draft, authorizer }, '$connect', 'CONNECT', domainName),
        isBase64Encoded: false,
      };
      const status = await this.#integrate(draft, route, event).then(
        (result) => Number((result as { statusCode?: unknown } | undefined)?.statusCode ?? 200),
        () => 502,
      );
      if (status < 200 || status > 299) {
        this.#log(`WS ${url.pathname} $connect → ${status} (integration)`);
        refuse(socket, status);
        return;
      }
    }
    this.#server.handleUpgrade(request, socket, head, (ws) =>
      this.#open(ws, { ...draft, authorizer, lastActiveAt: Date.now(), socket: ws }, domainName),
    );
  }

  #open(ws: WebSocket, connection: Connection, domainName: string): void {
    this.#options.connections.add(connection);
    this.#log(`WS ${connection.api.service} connected ${connection.id}`);
    ws.on('message', (data: RawData, isBinary: boolean) => {
      connection.lastActiveAt = Date.now();
      void this.#message(connection, toBuffer(data), isBinary, domainName);
    });
    ws.on('close', (code: number, reason: Buffer) => {
      this.#options.connections.remove(connection.id);
      this.#log(`WS ${connection.api.service} disconnected ${connection.id} (${code})`);
      const route = connection.api.routes.get('$disconnect');
      if (!route?.integrationId) return;
      const event = {
        headers: { Host: domainName, 'x-api-key': '', 'X-Forwarded-For': '', 'x-restapi': '' },
        multiValueHeaders: {
          Host: [domainName],
          'x-api-key': [''],
          'X-Forwarded-For': [''],
          'x-restapi': [''],
        },
        requestContext: webSocketRequestContext(connection, '$disconnect', 'DISCONNECT', domainName, {
          disconnectStatusCode: code,
          disconnectReason: reason.toString('utf8') || `Client-side close frame status code '${code}'`,
        }),
        isBase64Encoded: false,
      };
      this.#integrate(connection, route, event).catch(() => {});
    });
  }

  async #message(connection: Connection, data: Buffer, isBinary: boolean, domainName: string): Promise<void> {
    const body = isBinary ? data.toString('base64') : data.toString('utf8');
    const route = selectRoute(connection.api, isBinary ? undefined : body);
    const requestContext = webSocketRequestContext(
      connection,
      route?.routeKey ?? '$default',
      'MESSAGE',
      domainName,
    );
    const reply = (message: string): void =>
      connection.socket.send(
        JSON.stringify({ message, connectionId: connection.id, requestId: requestContext.requestId }),
      );
    if (!route?.integrationId) {
      reply('Forbidden');
      return;
    }
    try {
      const result = (await this.#integrate(connection, route, {
        requestContext,
        body,
        isBase64Encoded: isBinary,
      })) as { body?: unknown } | undefined;
      // Two-way routes send the integration's response body back to the client.
      if (route.routeResponseSelectionExpression !== undefined && result?.body !== undefined) {
        connection.socket.send(typeof result.body === 'string' ? result.body : JSON.stringify(result.body));
      }
    } catch {
      reply('Internal server error');
    }
  }

  /** Invokes a route's integration synchronously; a function error rejects. */
  async #integrate(
    connection: Pick<Draft, 'environment' | 'api'>,
    route: WebSocketRoute,
    event: unknown,
  ): Promise<unknown> {
    const functionArn = connection.api.integrations.get(route.integrationId ?? '');
    if (!functionArn) throw new Error(`route ${route.routeKey} has no integration`);
    const result = await connection.environment.lambda.invoke(
      functionArn,
      Buffer.from(JSON.stringify(event)),
    );
    const text = result.payload.toString('utf8');
    if (result.functionError) throw new Error(text);
    return text === '' ? undefined : JSON.parse(text);
  }

  /** Runs the `$connect` authorizer: its context, or the status to refuse with. */
  async #authorize(
    draft: Draft,
    route: WebSocketRoute,
    upgrade: UpgradeRequest,
    domainName: string,
  ): Promise<Record<string, unknown> | number> {
    const authorizer = draft.api.authorizers.get(route.authorizerId ?? '');
    if (!authorizer) return 500;
    const missing = authorizer.identitySources.some((source) =>
      source.kind === 'header'
        ? upgrade.headers[
            Object.keys(upgrade.headers).find((name) => name.toLowerCase() === source.name.toLowerCase()) ??
              ''
          ] === undefined
        : upgrade.queryStringParameters?.[source.name] === undefined,
    );
    if (missing) return 401;
    const { accountId, region } = draft.environment.settings;
    const methodArn = `arn:aws:execute-api:${region}:${accountId}:${draft.api.id}/${draft.stage}/$connect`;
    const event = {
      type: 'REQUEST',
      methodArn,
      ...upgrade,
      stageVariables: {},
      requestContext: webSocketRequestContext(
        { ...draft, authorizer: undefined },
        '$connect',
        'CONNECT',
        domainName,
      ),
    };
    const result = await draft.environment.lambda.invoke(
      authorizer.functionArn,
      Buffer.from(JSON.stringify(event)),
    );
    const answer = JSON.parse(result.payload.toString('utf8') || 'null') as {
      errorMessage?: string;
      principalId?: string;
      policyDocument?: unknown;
      context?: Record<string, unknown>;
    } | null;
    if (result.functionError) return answer?.errorMessage === 'Unauthorized' ? 401 : 500;
    try {
      if (evaluatePolicy(parsePolicy(answer?.policyDocument), methodArn) !== 'allow') return 403;
    } catch {
      return 500;
    }
    return { principalId: answer?.principalId, ...answer?.context };
  }

  #find(path: string): { environment: CloudEnvironment; api: WebSocketApi } | undefined {
    for (const [index, environment] of this.#options.environments.entries()) {
      const prefix = index === 0 ? '' : `/${environment.settings.name}`;
      if (prefix && !path.startsWith(`${prefix}/`)) continue;
      const registry = environment.service<WebSocketService>(WEBSOCKET_SERVICE).registry;
      const api = registry.find(path.slice(prefix.length));
      if (api) return { environment, api };
    }
    return undefined;
  }

  #log(line: string): void {
    this.#options.onLog?.(line);
  }
}

/** The route a message goes to: the value at the route selection expression's path, else `$default`. */
function selectRoute(api: WebSocketApi, body: string | undefined): WebSocketRoute | undefined {
  const match = /^\$request\.body\.(.+)$/.exec(api.routeSelectionExpression);
  if (match?.[1] && body !== undefined) {
    try {
      let value: unknown = JSON.parse(body);
      for (const key of match[1].split('.')) value = (value as Record<string, unknown> | null)?.[key];
      if (typeof value === 'string' && api.routes.has(value)) return api.routes.get(value);
    } catch {
      // Not JSON: only $default can take it.
    }
  }
  return api.routes.get('$default');
}

function upgradeRequest(request: IncomingMessage, url: URL): UpgradeRequest {
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  for (let i = 0; i < request.rawHeaders.length; i += 2) {
    const name = request.rawHeaders[i] as string;
    const value = request.rawHeaders[i + 1] as string;
    headers[name] = value;
    multiValueHeaders[name] = [...(multiValueHeaders[name] ?? []), value];
  }
  const query: Record<string, string> = {};
  const multiQuery: Record<string, string[]> = {};
  for (const [name, value] of url.searchParams) {
    query[name] = value;
    multiQuery[name] = [...(multiQuery[name] ?? []), value];
  }
  const hasQuery = Object.keys(query).length > 0;
  return {
    headers,
    multiValueHeaders,
    queryStringParameters: hasQuery ? query : undefined,
    multiValueQueryStringParameters: hasQuery ? multiQuery : undefined,
  };
}

function refuse(socket: Duplex, status: number): void {
  const text =
    { 401: 'Unauthorized', 403: 'Forbidden', 500: 'Internal Server Error', 502: 'Bad Gateway' }[status] ??
    'Refused';
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}
