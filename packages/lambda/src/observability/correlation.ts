import type { Context } from 'aws-lambda';

/** The HTTP header that carries a correlation id into and out of an HTTP function. */
export const CORRELATION_HEADER = 'x-correlation-id';

// An execution environment runs one invocation at a time, so a module-level value is the current
// invocation's; handlers set it before the user's code runs and clear it after.
let current: string | undefined;
let cause: string | undefined;

/**
 * The correlation id of the current invocation: the one the caller sent (HTTP header, event
 * envelope, the client context of `invoke`), else this invocation's request id, which then starts
 * a new chain. `invoke`, `invokeAsync` and `createEvent` pass it on.
 * @example
 * logger.info('calling pricing', { correlationId: correlationId() });
 */
export function correlationId(): string | undefined {
  return current;
}

/**
 * Sets the current correlation id; the handlers of this library do it for you.
 * @example
 * setCorrelationId(event.correlationId);
 */
export function setCorrelationId(id: string | undefined): void {
  current = id;
}

/**
 * The id of what caused the current work: the event a listener is handling, else the request id.
 * `createEvent` stamps it as the new event's `causationId`.
 * @example
 * logger.info('handling', { causationId: causationId() });
 */
export function causationId(): string | undefined {
  return cause;
}

/**
 * Sets the current causation id; the handlers of this library do it for you.
 * @example
 * setCausationId(event.id);
 */
export function setCausationId(id: string | undefined): void {
  cause = id;
}

/** A non-empty string field of the Lambda client context's `custom` object. */
function clientContextField(context: Context, name: 'correlationId' | 'causationId'): string | undefined {
  const clientContext: unknown = context.clientContext;
  if (typeof clientContext !== 'object' || clientContext === null) return undefined;
  const custom: unknown = 'custom' in clientContext ? clientContext.custom : undefined;
  if (typeof custom !== 'object' || custom === null || !(name in custom)) return undefined;
  const value: unknown = (custom as Record<string, unknown>)[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * The correlation id a caller put in the Lambda client context (`custom.correlationId`), which is
 * how `invoke` carries it: the payload stays exactly what the caller passed.
 * @example
 * const id = correlationIdFromClientContext(context) ?? context.awsRequestId;
 */
export function correlationIdFromClientContext(context: Context): string | undefined {
  return clientContextField(context, 'correlationId');
}

/**
 * The causation id a caller put in the Lambda client context (`custom.causationId`): the event
 * the caller was handling when it invoked this function synchronously. An event posted here then
 * continues that event's causation chain, so the bus's loop limit also counts hops through
 * synchronous calls.
 * @example
 * setCausationId(causationIdFromClientContext(context) ?? context.awsRequestId);
 */
export function causationIdFromClientContext(context: Context): string | undefined {
  return clientContextField(context, 'causationId');
}
