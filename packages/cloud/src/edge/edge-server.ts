import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { AwsApiError, CloudError } from '../errors.js';
import { boundPort, closeServer, listenOn, readBody, safeDecode } from '../http/http-server-utils.js';
import { type EdgeRequest, type EdgeResponse, type EdgeRoute, jsonResponse } from './edge-route.js';

/** 6 MB request limit of synchronous Lambda invokes, plus headroom so the route can answer with AWS's own error. */
const DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024;

export interface EdgeServerOptions {
  readonly host?: string;
  readonly onError?: (error: unknown, request: EdgeRequest) => void;
}

/**
 * The edge endpoint: one HTTP port that speaks the AWS APIs (`AWS_ENDPOINT_URL` points here) and
 * the local cloud's own `/_motorcade` API. It only reads requests and dispatches them to routes;
 * every AWS service lives in its own module.
 */
export class EdgeServer {
  readonly #routes: EdgeRoute[] = [];
  readonly #server: Server;
  readonly #options: EdgeServerOptions;

  constructor(options: EdgeServerOptions = {}) {
    this.#options = options;
    this.#server = createServer((req, res) => {
      this.#dispatch(req, res).catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: 'Internal error in the local cloud', detail: String(error) }));
      });
    });
    this.#server.keepAliveTimeout = 65_000;
  }

  /** Adds routes; earlier routes win. */
  use(...routes: EdgeRoute[]): void {
    this.#routes.push(...routes);
  }

  /** Listens on `port` (0 for any free port) and resolves with the port actually bound. */
  listen(port: number): Promise<number> {
    return listenOn(this.#server, port, this.#options.host ?? '127.0.0.1');
  }

  get port(): number {
    return boundPort(this.#server);
  }

  close(): Promise<void> {
    return closeServer(this.#server);
  }

  async #dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawUrl = req.url ?? '/';
    const queryAt = rawUrl.indexOf('?');
    const rawPath = queryAt === -1 ? rawUrl : rawUrl.slice(0, queryAt);
    const method = req.method ?? 'GET';
    let route: EdgeRoute | undefined;
    let match: RegExpMatchArray | null = null;
    for (const candidate of this.#routes) {
      if (candidate.method !== method && candidate.method !== '*') continue;
      match = rawPath.match(candidate.pattern);
      if (match && (!candidate.accepts || candidate.accepts(req.headers))) {
        route = candidate;
        break;
      }
    }
    if (!route || !match) {
      req.resume();
      send(res, jsonResponse(404, { message: `No local cloud API serves ${method} ${rawPath}` }));
      return;
    }
    const limit = route.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    const body = await readBody(req, limit);
    if (body === undefined) {
      send(res, jsonResponse(413, { message: `Request body exceeds ${limit} bytes` }));
      return;
    }
    const request: EdgeRequest = {
      method,
      path: safeDecode(rawPath),
      query: new URLSearchParams(queryAt === -1 ? '' : rawUrl.slice(queryAt + 1)),
      headers: req.headers,
      body,
    };
    let response: EdgeResponse;
    try {
      response = await route.handle(request, match);
    } catch (error) {
      response = errorResponse(error);
      if (!(error instanceof CloudError)) this.#options.onError?.(error, request);
    }
    send(res, response);
  }
}

/** AWS-style JSON error for errors routes throw instead of answering. */
function errorResponse(error: unknown): EdgeResponse {
  if (error instanceof AwsApiError) {
    return jsonResponse(
      error.statusCode,
      { Type: 'User', message: error.message, ...error.fields },
      { 'x-amzn-errortype': error.type },
    );
  }
  if (error instanceof CloudError) {
    return jsonResponse(400, { code: error.code, message: error.message });
  }
  return jsonResponse(500, { message: 'Internal error in the local cloud', detail: String(error) });
}

function send(res: ServerResponse, response: EdgeResponse): void {
  const body = response.body ?? '';
  const headers: Record<string, string | number> = { ...response.headers };
  // A route may set the length itself: a HEAD answer states the length of a body it does not send.
  headers['content-length'] ??= Buffer.byteLength(body);
  res.writeHead(response.status, headers);
  res.end(body);
}
