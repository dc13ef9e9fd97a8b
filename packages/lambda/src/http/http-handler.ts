import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { BASE_DEFAULTS, type BaseHandlerOptions, handlerChain } from '../handlers/handler-chain.js';
import { CORRELATION_HEADER, correlationId } from '../observability/correlation.js';
import { mergeOptions } from '../observability/middleware-options.js';
import type { OffloadEnvelope } from '../types/offload-envelope.js';
import { asHttpError, type DomainErrors } from './domain-errors.js';
import { errorResponse } from './error-response.js';
import { type HttpRequest, type HttpRequestSchemas, parseHttpRequest } from './http-request.js';
import { HttpResponse } from './http-response.js';
import { httpResponseOffload } from './http-response-offload.js';

/** Options of {@link http}. */
export interface HttpHandlerOptions<TSchemas extends HttpRequestSchemas> extends BaseHandlerOptions {
  /** zod schemas of the body, query, path parameters and headers. */
  readonly request?: TSchemas;
  /**
   * The domain call. Return a value to answer 200 with it as JSON, `undefined` for 204, or
   * `respond(status, body, headers)`; throw an `HttpError` to answer an error.
   */
  readonly handler: (request: HttpRequest<TSchemas>) => Promise<unknown>;
  /** The service's domain errors and their statuses: thrown, they answer as `HttpError`s. */
  readonly domainErrors?: DomainErrors;
}

/** What an HTTP function returns to API Gateway (or, to `invoke`, an envelope over the limit). */
export type HttpHandlerResult = APIGatewayProxyResult | OffloadEnvelope;

/**
 * An API Gateway (REST, v1 proxy) handler: validates the request with zod (a 400 naming every
 * failing field), calls the domain, maps the result to a JSON response, and every error to the one
 * error body `{ error: { code, message, requestId, fields? } }` — anything unexpected is a 500 with
 * the request id and no internals. The correlation id comes from `x-correlation-id` (else the
 * request id) and goes back in the same header. A response over the payload limit goes through S3.
 * @example
 * export const handler = http({
 *   action: 'createItem',
 *   request: { body: z.object({ name: z.string().min(1) }) },
 *   handler: async ({ body }) => respond(201, await items.create(body.name)),
 * });
 */
export function http<TSchemas extends HttpRequestSchemas = Record<never, never>>(
  options: HttpHandlerOptions<TSchemas>,
) {
  const {
    request: schemas,
    handler,
    domainErrors,
    ...base
  } = mergeOptions<HttpHandlerOptions<TSchemas>>(
    'http',
    { ...BASE_DEFAULTS, handler: options.handler, request: undefined, domainErrors: undefined },
    options,
  );
  const inner = async (event: APIGatewayProxyEvent, context: Context): Promise<HttpHandlerResult> => {
    const request = await parseHttpRequest(event, context, schemas ?? ({} as TSchemas));
    try {
      return toProxyResult(await handler(request));
    } catch (error) {
      throw asHttpError(error, domainErrors);
    }
  };
  return handlerChain<APIGatewayProxyEvent, HttpHandlerResult>(inner, base, {
    correlationIdOf: (event) => headerValue(event, CORRELATION_HEADER),
    middlewares: [httpErrors(), httpResponseOffload()] as MiddlewareObj<
      APIGatewayProxyEvent,
      unknown,
      Error,
      Context
    >[],
  });
}

/** Maps a failure to the error body, and stamps the correlation id on every response. */
function httpErrors(): MiddlewareObj<APIGatewayProxyEvent, HttpHandlerResult, Error, Context> {
  const stamp = (response: HttpHandlerResult | null | undefined): void => {
    const id = correlationId();
    if (response && 'statusCode' in response && id) {
      response.headers = { ...response.headers, [CORRELATION_HEADER]: id };
    }
  };
  return {
    after: ({ response }) => stamp(response),
    onError: (request) => {
      request.response = errorResponse(request.error, request.context.awsRequestId);
      stamp(request.response);
    },
  };
}

function toProxyResult(result: unknown): APIGatewayProxyResult {
  const response =
    result instanceof HttpResponse ? result : new HttpResponse(result === undefined ? 204 : 200, result);
  const headers: Record<string, string> = { ...response.headers };
  if (response.body === undefined) return { statusCode: response.statusCode, headers, body: '' };
  if (Buffer.isBuffer(response.body)) {
    headers['content-type'] ??= 'application/octet-stream';
    return {
      statusCode: response.statusCode,
      headers,
      body: response.body.toString('base64'),
      isBase64Encoded: true,
    };
  }
  if (typeof response.body === 'string') {
    headers['content-type'] ??= 'text/plain; charset=utf-8';
    return { statusCode: response.statusCode, headers, body: response.body };
  }
  headers['content-type'] ??= 'application/json';
  return { statusCode: response.statusCode, headers, body: JSON.stringify(response.body) };
}

function headerValue(event: APIGatewayProxyEvent, name: string): string | undefined {
  const entry = Object.entries(event.headers ?? {}).find(([key]) => key.toLowerCase() === name);
  return entry?.[1] || undefined;
}
