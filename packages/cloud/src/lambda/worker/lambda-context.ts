import type { InvokeMessage } from '../worker-protocol.js';

/**
 * The `context` object and `callback` a handler receives, with the runtime interface client's
 * semantics: only the first of callback/succeed/fail/done counts; `callback(null, result)` waits
 * for the event loop to empty while `callbackWaitsForEmptyEventLoop` is true (the default);
 * `context.done/succeed/fail` complete at once; `fail()` without an error fails with `"handled"`.
 */

/** The function's fields of the context, fixed for the environment's life. */
export interface FunctionIdentity {
  readonly functionName: string;
  readonly functionVersion: string;
  readonly memoryLimitInMB: string;
  readonly logGroupName: string;
  readonly logStreamName: string;
}

/** How an invocation reports its end. */
export interface InvocationCompletion {
  succeed(result: unknown): void;
  fail(error: unknown): void;
  /** Succeeds once nothing of the function's is left on the event loop. */
  succeedWhenEmpty(result: unknown): void;
}

/** The legacy Node.js callback. */
export type LambdaCallback = (error?: unknown, result?: unknown) => void;

/** The handler's `context` (the shape of `aws-lambda`'s `Context`). */
export interface LambdaContext {
  callbackWaitsForEmptyEventLoop: boolean;
  readonly succeed: (result?: unknown) => void;
  readonly fail: (error?: unknown) => void;
  readonly done: (error?: unknown, result?: unknown) => void;
  readonly functionName: string;
  readonly functionVersion: string;
  readonly memoryLimitInMB: string;
  readonly logGroupName: string;
  readonly logStreamName: string;
  readonly invokedFunctionArn: string;
  readonly awsRequestId: string;
  readonly clientContext: unknown;
  readonly identity: unknown;
  getRemainingTimeInMillis(): number;
}

/**
 * The client context arrives as the base64 of a JSON object (`X-Amz-Client-Context`); Lambda hands
 * the handler the parsed object. Plain JSON text is accepted too.
 */
function parseClientContext(clientContext: string | undefined): unknown {
  if (clientContext === undefined || clientContext === '') return undefined;
  const text = clientContext.trimStart().startsWith('{')
    ? clientContext
    : Buffer.from(clientContext, 'base64').toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Builds the callback and context of one invocation. */
export function buildCallbackAndContext(
  request: InvokeMessage,
  identity: FunctionIdentity,
  completion: InvocationCompletion,
): [LambdaCallback, LambdaContext] {
  let waitForEmptyEventLoop = true;
  let finished = false;
  const firstCallOnly =
    <A extends unknown[]>(fn: (...args: A) => void) =>
    (...args: A): void => {
      if (finished) return;
      finished = true;
      fn(...args);
    };

  const done = (error?: unknown, result?: unknown): void => {
    if (error !== undefined && error !== null) completion.fail(error);
    else completion.succeed(result);
  };
  const callback = firstCallOnly((error?: unknown, result?: unknown) => {
    if (error !== undefined && error !== null) completion.fail(error);
    else if (waitForEmptyEventLoop) completion.succeedWhenEmpty(result);
    else completion.succeed(result);
  });
  const { deadlineMs } = request;

  const context: LambdaContext = {
    get callbackWaitsForEmptyEventLoop() {
      return waitForEmptyEventLoop;
    },
    set callbackWaitsForEmptyEventLoop(value: boolean) {
      waitForEmptyEventLoop = value;
    },
    succeed: firstCallOnly((result?: unknown) => done(null, result)),
    fail: firstCallOnly((error?: unknown) =>
      error === undefined || error === null ? done('handled') : done(error, null),
    ),
    done: firstCallOnly(done),
    functionName: identity.functionName,
    functionVersion: identity.functionVersion,
    memoryLimitInMB: identity.memoryLimitInMB,
    logGroupName: identity.logGroupName,
    logStreamName: identity.logStreamName,
    invokedFunctionArn: request.invokedFunctionArn,
    awsRequestId: request.requestId,
    clientContext: parseClientContext(request.clientContext),
    identity: request.identity,
    getRemainingTimeInMillis: () => deadlineMs - Date.now(),
  };
  return [callback, context];
}
