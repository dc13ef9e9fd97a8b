import type { Context } from 'aws-lambda';

/**
 * What `invoke` tells the called function in the Lambda client context (`custom`): the correlation
 * and causation ids, and that this caller understands offload envelopes, so an HTTP function answers one instead
 * of a 303 meant for browsers.
 */
export interface MotorcadeClientContext {
  readonly correlationId?: string;
  /** The event the caller was handling: an event the callee posts continues its chain. */
  readonly causationId?: string;
  readonly motorcadeOffload?: 'accept';
}

/**
 * The base64 `ClientContext` of an Invoke request carrying `custom`.
 * @example
 * new InvokeCommand({ FunctionName, Payload, ClientContext: encodeClientContext({ correlationId }) });
 */
export function encodeClientContext(custom: MotorcadeClientContext): string {
  return Buffer.from(JSON.stringify({ custom })).toString('base64');
}

/**
 * Whether the caller of this invocation is `invoke` of this library (it accepts offload envelopes).
 * @example
 * if (callerAcceptsEnvelope(context)) return await offloadPayload(json, 'application/json');
 */
export function callerAcceptsEnvelope(context: Context): boolean {
  const clientContext: unknown = context.clientContext;
  if (typeof clientContext !== 'object' || clientContext === null || !('custom' in clientContext))
    return false;
  const custom: unknown = clientContext.custom;
  return (
    typeof custom === 'object' &&
    custom !== null &&
    'motorcadeOffload' in custom &&
    custom.motorcadeOffload === 'accept'
  );
}
