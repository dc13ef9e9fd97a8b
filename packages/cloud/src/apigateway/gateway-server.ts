import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { EdgeRoute } from '../edge/edge-route.js';
import type { CloudEnvironment } from '../environment.js';
import { boundPort, closeServer, listenOn, readBody, safeDecode } from '../http/http-server-utils.js';
import { API_GATEWAY_SERVICE, type ApiGatewayService } from './api-gateway-service.js';
import { gatewayErrorResponse, handleApiRequest } from './api-request-handler.js';
import { type BasePathEntry, basePaths } from './base-paths.js';
import { GATEWAY_ERRORS } from './gateway-errors.js';
import { type GatewayRequest, newRequestIds } from './gateway-request.js';
import type { GatewayResponse } from './proxy-response.js';

/** API Gateway's payload limit for REST APIs: 10 MB. */
export const MAX_REQUEST_BYTES = 10 * 1024 * 1024;

/** One served request, for the one-line log the CLI prints. */
export interface GatewayRequestLog {
  readonly environment: string | undefined;
  readonly method: string;
  /** The full path of the request, base path included. */
  readonly path: string;
  readonly status: number;
  readonly durationMs: number;
  /** `<stack>/<ApiLogicalId>` of the API that answered, if one did. */
  readonly api?: string;
  /** Why API Gateway answered with an error (missing route, authorizer refusal, malformed response...). */
  readonly reason?: string;
}

export interface GatewayServerOptions {
  /** The environments whose APIs are served; the first one's at `/<service>`, others at `/<env>/<service>`. */
  readonly environments: readonly CloudEnvironment[];
  readonly host?: string;
  readonly onRequest?: (entry: GatewayRequestLog) => void;
  /** Takes WebSocket upgrade requests (WebSocket APIs share the gateway's port). */
  readonly onUpgrade?: (request: IncomingMessage, socket: Duplex, head: Buffer) => void;
  /**
   * Routes the gateway answers itself when no API's base path matches (APIs always win): the web
   * app's static files and the metrics it reads. Not logged, not counted as API requests.
   */
  readonly localRoutes?: readonly EdgeRoute[];
}

interface Served extends BasePathEntry {
  readonly service: ApiGatewayService;
}

/** `GET /items/42 → 200 (12 ms)`, with the reason of an error answer. */
export function formatGatewayLog(entry: GatewayRequestLog): string {
  const reason = entry.reason ? ` — ${entry.reason}` : '';
  return `${entry.method} ${entry.path} → ${entry.status} (${Math.round(entry.durationMs)} ms)${reason}`;
}

/**
 * The HTTP port every REST API of the local cloud is served on (API Gateway's role). Each API is
 * mounted like a custom domain's base path mapping — `/<service>` or `/<service>/<ApiLogicalId>` —
 * so the stage is not part of the URL; the stack's Stage gives `requestContext.stage`.
 *
 * @example
 * const gateway = new GatewayServer({ environments: cloud.environments, onRequest: (e) => console.log(formatGatewayLog(e)) });
 * const port = await gateway.listen(3000); // another free port if 3000 is taken
 */
export class GatewayServer {
  readonly #options: GatewayServerOptions;
  readonly #server: Server;
  #table: Served[] = [];
  #tableKey = '';

  constructor(options: GatewayServerOptions) {
    this.#options = options;
    this.#server = createServer((req, res) => {
      this.#dispatch(req, res).catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: 'Internal error in the local cloud', detail: String(error) }));
      });
    });
    this.#server.keepAliveTimeout = 65_000;
    if (options.onUpgrade) this.#server.on('upgrade', options.onUpgrade);
    else this.#server.on('upgrade', (_request, socket: Duplex) => socket.destroy());
  }

  /**
   * Listens on `port`; when it is taken (and not 0), on another free port instead. Resolves with
   * the port actually bound.
   */
  listen(port: number, options: { fallback?: boolean } = {}): Promise<number> {
    return listenOn(this.#server, port, this.#options.host ?? '127.0.0.1', {
      fallback: options.fallback !== false,
    });
  }

  get port(): number {
    return boundPort(this.#server);
  }

  get url(): string {
    return `http://${this.#options.host ?? '127.0.0.1'}:${this.port}`;
  }

  /** The URL an environment's APIs are under: the gateway's for the first, `/<env>` below it for others. */
  environmentUrl(envName: string): string {
    const first = this.#options.environments[0]?.settings.name;
    return envName === first ? this.url : `${this.url}/${envName}`;
  }

  close(): Promise<void> {
    return closeServer(this.#server);
  }

  async #dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const receivedAtMs = Date.now();
    const started = performance.now();
    const rawUrl = req.url ?? '/';
    const queryAt = rawUrl.indexOf('?');
    const rawPath = queryAt === -1 ? rawUrl : rawUrl.slice(0, queryAt);
    const method = req.method ?? 'GET';
    const path = safeDecode(rawPath);
    const served = this.#find(path);
    const log = (response: GatewayResponse, reason: string | undefined): void => {
      send(res, response);
      this.#options.onRequest?.({
        environment: served?.service.environmentName,
        method,
        path,
        status: response.status,
        durationMs: performance.now() - started,
        ...(served ? { api: `${served.api.stackName}/${served.api.logicalId}` } : {}),
        ...(reason ? { reason } : {}),
      });
    };
    const body = await readBody(req, MAX_REQUEST_BYTES);
    if (body === undefined) {
      log(
        gatewayErrorResponse(GATEWAY_ERRORS.requestTooLarge, newRequestIds(receivedAtMs)),
        'the body is over 10 MB',
      );
      return;
    }
    if (!served && (await this.#answerLocally(req, res, method, rawPath, rawUrl, body))) return;
    if (!served) {
      log(
        gatewayErrorResponse(GATEWAY_ERRORS.forbidden, newRequestIds(receivedAtMs)),
        'no API is served at this path',
      );
      return;
    }
    const request: GatewayRequest = {
      method,
      path: path.slice(served.basePath.length) || '/',
      rawQuery: queryAt === -1 ? '' : rawUrl.slice(queryAt + 1),
      rawHeaders: req.rawHeaders,
      body,
      sourceIp: normaliseIp(req.socket.remoteAddress),
      receivedAtMs,
    };
    const handled = await handleApiRequest(served.api, request, served.service.apiEnvironment);
    log(handled.response, handled.reason);
  }

  /** Answers with the first local route that matches, if one does. */
  async #answerLocally(
    req: IncomingMessage,
    res: ServerResponse,
    method: string,
    rawPath: string,
    rawUrl: string,
    body: Buffer,
  ): Promise<boolean> {
    for (const route of this.#options.localRoutes ?? []) {
      if (route.method !== method && route.method !== '*') continue;
      const match = rawPath.match(route.pattern);
      if (!match) continue;
      const queryAt = rawUrl.indexOf('?');
      const response = await route.handle(
        {
          method,
          path: safeDecode(rawPath),
          query: new URLSearchParams(queryAt === -1 ? '' : rawUrl.slice(queryAt + 1)),
          headers: req.headers,
          body,
        },
        match,
      );
      const content = response.body ?? '';
      res.writeHead(response.status, { ...response.headers, 'Content-Length': Buffer.byteLength(content) });
      res.end(content);
      return true;
    }
    return false;
  }

  /** The API whose base path starts `path`; the table is rebuilt only when a registry changed. */
  #find(path: string): Served | undefined {
    const services = this.#options.environments.map((env) =>
      env.service<ApiGatewayService>(API_GATEWAY_SERVICE),
    );
    const key = services.map((service) => service.registry.version).join(',');
    if (key !== this.#tableKey) {
      this.#table = services
        .flatMap((service, index) =>
          basePaths(service.registry, index === 0 ? '' : `/${service.environmentName}`).map((entry) => ({
            ...entry,
            service,
          })),
        )
        // The longest base path first, so `/items/Admin` wins over `/items`.
        .sort((a, b) => b.basePath.length - a.basePath.length);
      this.#tableKey = key;
    }
    return this.#table.find((entry) => path === entry.basePath || path.startsWith(`${entry.basePath}/`));
  }
}

function send(res: ServerResponse, response: GatewayResponse): void {
  res.writeHead(response.status, { ...response.headers, 'Content-Length': response.body.length });
  res.end(response.body);
}

/** `::ffff:127.0.0.1` → `127.0.0.1`, as API Gateway reports IPv4 callers. */
function normaliseIp(address: string | undefined): string {
  if (!address) return '127.0.0.1';
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}
