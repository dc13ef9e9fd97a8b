import {
  BASE_DEFAULTS,
  type BaseHandlerOptions,
  handlerChain,
  mergeOptions,
  parseOrThrow,
} from '@motorcade/lambda';
import type { Context } from 'aws-lambda';
import { z } from 'zod';

/** The parts of API Gateway's WebSocket integration event ($connect, messages, $disconnect) we use. */
export const webSocketEventSchema = z.looseObject({
  requestContext: z.looseObject({
    routeKey: z.string(),
    eventType: z.enum(['CONNECT', 'MESSAGE', 'DISCONNECT']),
    connectionId: z.string().min(1),
    connectedAt: z.number(),
    requestId: z.string().optional(),
    /** The `$connect` authorizer's principalId and context, on every event of the connection. */
    authorizer: z.record(z.string(), z.unknown()).optional(),
  }),
  body: z.string().nullish(),
  isBase64Encoded: z.boolean().optional(),
});
/** A WebSocket integration event. */
export type WebSocketEvent = z.infer<typeof webSocketEventSchema>;

/** Options of {@link webSocketRoute}. */
export interface WebSocketRouteOptions extends BaseHandlerOptions {
  readonly handler: (event: WebSocketEvent, context: Context) => Promise<void>;
}

/**
 * The integration of a WebSocket API route (AWS_PROXY): the library's standard chain (logs with
 * the request id, metrics, the action metric, connections tidied up), the event checked, and
 * `{ statusCode: 200 }` answered when the handler returns. A handler that throws fails the
 * invocation: API Gateway then refuses a `$connect` and answers a message with "Internal server
 * error".
 * @example
 * export const handler = webSocketRoute({ action: 'disconnect', connections: [db], handler: async (event) => forget(event) });
 */
export function webSocketRoute(options: WebSocketRouteOptions) {
  const { handler, ...base } = mergeOptions<WebSocketRouteOptions>(
    'webSocketRoute',
    { ...BASE_DEFAULTS, handler: options.handler },
    options,
  );
  const inner = async (event: unknown, context: Context): Promise<{ statusCode: number }> => {
    await handler(await parseOrThrow(webSocketEventSchema, event, 'event'), context);
    return { statusCode: 200 };
  };
  return handlerChain<unknown, { statusCode: number }>(inner, base, {});
}
