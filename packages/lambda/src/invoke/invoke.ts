import { InvokeCommand, type InvokeCommandOutput } from '@aws-sdk/client-lambda';
import type { z } from 'zod';
import { lambdaClient } from '../aws/clients.js';
import { InvokeError, RemoteFunctionError } from '../errors/invoke-error.js';
import { causationId, correlationId } from '../observability/correlation.js';
import { offloadPayload, resolveOffloaded } from '../offload/offload-store.js';
import { asyncPayloadLimitBytes, payloadLimitBytes } from '../offload/payload-limits.js';
import { fieldErrors } from '../validation/zod-fields.js';
import { encodeClientContext } from './client-context.js';

/** Options of {@link invoke}. */
export interface InvokeOptions<TSchema extends z.ZodType> {
  /** Checks the result; a mismatch is an {@link InvokeError} naming the fields. */
  readonly result?: TSchema;
}

/**
 * Calls a function synchronously and returns its JSON result. `target` is the ARN a stack imported
 * and passed in an environment variable. A request over the payload limit travels through S3, and
 * so does a result (the envelope is fetched and checked transparently). The correlation id goes in
 * the client context, so the payload is exactly what you pass.
 *
 * Throws {@link RemoteFunctionError} when the function failed (its `errorType` and `errorMessage`),
 * {@link InvokeError} when the call itself failed.
 * @example
 * const user = await invoke(process.env.VALIDATE_USER_ARN!, { token }, { result: userSchema });
 */
export async function invoke(target: string, payload: unknown): Promise<unknown>;
export async function invoke<TSchema extends z.ZodType>(
  target: string,
  payload: unknown,
  options: InvokeOptions<TSchema>,
): Promise<z.output<TSchema>>;
export async function invoke(
  target: string,
  payload: unknown,
  options: InvokeOptions<z.ZodType> = {},
): Promise<unknown> {
  const body = await requestBody(target, payload, payloadLimitBytes());
  const output = await send(target, body, 'RequestResponse');
  const text = Buffer.from(output.Payload ?? []).toString('utf8');
  if (output.FunctionError) throw remoteError(target, text, output.FunctionError);
  let result: unknown;
  try {
    result = await resolveOffloaded(text === '' ? undefined : JSON.parse(text));
  } catch (error) {
    throw new InvokeError(target, 'its result could not be read', { cause: error });
  }
  if (!options.result) return result;
  const parsed = await options.result.safeParseAsync(result);
  if (parsed.success) return parsed.data;
  const fields = fieldErrors(parsed.error, 'result').map((field) => `${field.path}: ${field.message}`);
  throw new InvokeError(target, `it returned an unexpected result (${fields.join('; ')})`, {
    cause: parsed.error,
  });
}

/**
 * Queues an asynchronous (`Event`) invocation and returns once Lambda accepted it. A request over
 * the async limit (1 MB) travels through S3.
 * @example
 * await invokeAsync(process.env.SEND_EVENT_ARN!, createEvent('itemCreated', { itemId }));
 */
export async function invokeAsync(target: string, payload: unknown): Promise<void> {
  const body = await requestBody(target, payload, asyncPayloadLimitBytes());
  await send(target, body, 'Event');
}

async function requestBody(target: string, payload: unknown, limit: number): Promise<string> {
  const json = JSON.stringify(payload ?? null);
  if (Buffer.byteLength(json) <= limit) return json;
  try {
    return JSON.stringify(await offloadPayload(json, 'application/json'));
  } catch (error) {
    throw new InvokeError(target, 'its request is over the payload limit and could not be offloaded', {
      cause: error,
    });
  }
}

async function send(
  target: string,
  body: string,
  invocationType: 'RequestResponse' | 'Event',
): Promise<InvokeCommandOutput> {
  const id = correlationId();
  const cause = causationId();
  try {
    return await lambdaClient().send(
      new InvokeCommand({
        FunctionName: target,
        InvocationType: invocationType,
        Payload: Buffer.from(body),
        ClientContext: encodeClientContext({
          ...(id === undefined ? {} : { correlationId: id }),
          ...(cause === undefined ? {} : { causationId: cause }),
          motorcadeOffload: 'accept',
        }),
      }),
    );
  } catch (error) {
    const name = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    throw new InvokeError(target, name, { cause: error });
  }
}

function remoteError(target: string, text: string, functionError: string): RemoteFunctionError {
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null) {
      const record = parsed as Record<string, unknown>;
      const trace = Array.isArray(record.trace) ? record.trace.map(String) : [];
      return new RemoteFunctionError(target, {
        errorType: typeof record.errorType === 'string' ? record.errorType : functionError,
        errorMessage: typeof record.errorMessage === 'string' ? record.errorMessage : text,
        stackTrace: trace,
      });
    }
  } catch {
    // Not JSON: Lambda's own error text is the message.
  }
  return new RemoteFunctionError(target, { errorType: functionError, errorMessage: text });
}
