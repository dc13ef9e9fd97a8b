import type { IncomingHttpHeaders } from 'node:http';

/** An HTTP request as the edge hands it to a route: the body is read whole first. */
export interface EdgeRequest {
  readonly method: string;
  /** Decoded path, without the query string. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

export interface EdgeResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: Buffer | string;
}

/**
 * One route of the edge endpoint. Routes are tried in order; the first whose method and
 * pattern match handles the request. `match` is the pattern's match on the raw path.
 */
export interface EdgeRoute {
  readonly method: string;
  readonly pattern: RegExp;
  /** A further test on the headers, e.g. SQS's `x-amz-target`; the route is skipped when it says no. */
  readonly accepts?: (headers: IncomingHttpHeaders) => boolean;
  /** Largest body accepted (bytes); larger ones are refused before the handler runs. */
  readonly maxBodyBytes?: number;
  handle(request: EdgeRequest, match: RegExpMatchArray): Promise<EdgeResponse> | EdgeResponse;
}

/** A JSON response with AWS's content type for JSON protocols. */
export function jsonResponse(
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): EdgeResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(value),
  };
}
