/** What an HTTP handler returns when it needs a status, headers or a non-JSON body. */
export class HttpResponse {
  readonly statusCode: number;
  readonly body: unknown;
  readonly headers: Readonly<Record<string, string>>;

  constructor(statusCode: number, body: unknown, headers: Readonly<Record<string, string>> = {}) {
    this.statusCode = statusCode;
    this.body = body;
    this.headers = headers;
  }
}

/**
 * A response with a status and headers. An object body is sent as JSON; a string or Buffer as is
 * (set `content-type`); `undefined` sends no body.
 * @example
 * return respond(201, item, { location: `/items/${item.id}` });
 * return respond(200, csv, { 'content-type': 'text/csv' });
 */
export function respond(
  statusCode: number,
  body?: unknown,
  headers: Readonly<Record<string, string>> = {},
): HttpResponse {
  return new HttpResponse(statusCode, body, headers);
}
