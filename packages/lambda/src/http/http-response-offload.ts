import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { callerAcceptsEnvelope } from '../invoke/client-context.js';
import { offloadPayload } from '../offload/offload-store.js';
import { payloadLimitBytes } from '../offload/payload-limits.js';
import { OFFLOAD_MEDIA_TYPE, type OffloadEnvelope } from '../types/offload-envelope.js';

/**
 * Middleware: an HTTP response over the payload limit is stored in S3. Called through `invoke`,
 * the function returns the envelope of the whole response (the caller gets it back intact). Called
 * through API Gateway, the client gets a 303 to the presigned URL, or the envelope as a 200 when its
 * `Accept` asks for `application/vnd.motorcade.offload+json`.
 * @example
 * middy(handler).use(httpResponseOffload());
 */
export function httpResponseOffload(): MiddlewareObj<
  APIGatewayProxyEvent,
  APIGatewayProxyResult | OffloadEnvelope,
  Error,
  Context
> {
  return {
    after: async (request) => {
      const response = request.response;
      if (!response || !('statusCode' in response)) return;
      const json = JSON.stringify(response);
      if (Buffer.byteLength(json) <= payloadLimitBytes()) return;
      if (callerAcceptsEnvelope(request.context)) {
        request.response = await offloadPayload(json, 'application/json');
        return;
      }
      const headers = Object.fromEntries(
        Object.entries(response.headers ?? {}).map(([name, value]) => [name.toLowerCase(), String(value)]),
      );
      const contentType = headers['content-type'] ?? 'application/octet-stream';
      const body = response.isBase64Encoded
        ? Buffer.from(response.body, 'base64')
        : Buffer.from(response.body);
      const envelope = await offloadPayload(body, contentType);
      const accept = Object.entries(request.event.headers ?? {}).find(
        ([name]) => name.toLowerCase() === 'accept',
      )?.[1];
      if (accept?.includes(OFFLOAD_MEDIA_TYPE)) {
        request.response = {
          statusCode: 200,
          headers: { ...headers, 'content-type': OFFLOAD_MEDIA_TYPE },
          body: JSON.stringify(envelope),
        };
        return;
      }
      request.response = {
        statusCode: 303,
        headers: { ...headers, 'content-type': 'text/plain', location: envelope.motorcadeOffload.url },
        body: '',
      };
    },
  };
}
