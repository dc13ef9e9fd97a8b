import type { MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';
import { isOffloadEnvelope } from '../types/offload-envelope.js';
import { fetchOffloaded, offloadPayload } from './offload-store.js';
import { payloadLimitBytes } from './payload-limits.js';

/**
 * Middleware: an event that is an offload envelope (a request `invoke` offloaded because it was over
 * the limit) is replaced by the payload it stands for before the handler sees it.
 * @example
 * middy(handler).use(requestOffload());
 */
export function requestOffload(): MiddlewareObj<unknown, unknown, Error, Context> {
  return {
    before: async (request) => {
      if (!isOffloadEnvelope(request.event)) return;
      const { body } = await fetchOffloaded(request.event);
      request.event = JSON.parse(body.toString('utf8'));
    },
  };
}

/**
 * Middleware: a result whose JSON is over the payload limit is stored in S3 and the envelope
 * returned instead, so the call succeeds where Lambda would fail it with
 * `Function.ResponseSizeTooLarge`; `invoke` fetches it back transparently.
 * @example
 * middy(handler).use(responseOffload());
 */
export function responseOffload(): MiddlewareObj<unknown, unknown, Error, Context> {
  return {
    after: async (request) => {
      if (request.response === undefined) return;
      const json = JSON.stringify(request.response);
      if (Buffer.byteLength(json) <= payloadLimitBytes()) return;
      request.response = await offloadPayload(json, 'application/json');
    },
  };
}
