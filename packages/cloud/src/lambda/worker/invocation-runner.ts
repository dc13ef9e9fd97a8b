import type { InvokeMessage, WorkerMessage } from '../worker-protocol.js';
import type { RuntimeConsole } from './console-capture.js';
import type { EventLoopWatch } from './event-loop-watch.js';
import type { UserHandler } from './handler-loader.js';
import {
  buildCallbackAndContext,
  type FunctionIdentity,
  type InvocationCompletion,
} from './lambda-context.js';
import { HeapHighWater } from './memory-accounting.js';
import { NodeJsExit, toFunctionError } from './runtime-errors.js';

/**
 * Runs invocations of the loaded handler one at a time, as the runtime interface client's
 * invoke loop does, and reports each outcome to the parent exactly once.
 */
export class InvocationRunner {
  readonly #handler: UserHandler;
  /** The RIC decides by the function's kind, not by what it returns (see the default completion). */
  readonly #isAsync: boolean;
  readonly #identity: FunctionIdentity;
  readonly #post: (message: WorkerMessage) => void;
  readonly #console: RuntimeConsole;
  readonly #watch: EventLoopWatch;
  readonly #memory = new HeapHighWater();

  constructor(options: {
    handler: UserHandler;
    identity: FunctionIdentity;
    post: (message: WorkerMessage) => void;
    console: RuntimeConsole;
    watch: EventLoopWatch;
  }) {
    this.#handler = options.handler;
    this.#isAsync = options.handler.constructor.name === 'AsyncFunction';
    this.#identity = options.identity;
    this.#post = options.post;
    this.#console = options.console;
    this.#watch = options.watch;
  }

  /** Runs one invocation; the outcome is posted when the handler completes. */
  run(request: InvokeMessage): void {
    this.#console.setRequestId(request.requestId);
    // The AWS SDK's recursion-detection middleware forwards this as X-Amzn-Trace-Id.
    if (request.traceId) process.env._X_AMZN_TRACE_ID = request.traceId;
    else delete process.env._X_AMZN_TRACE_ID;

    let settled = false;
    const settle = (): boolean => {
      if (settled) return false;
      settled = true;
      this.#watch.cancel();
      return true;
    };
    const completion: InvocationCompletion = {
      succeed: (result) => {
        if (settle()) this.#respond(result);
        else
          console.error(
            'Invocation has already been reported as done. Cannot call complete more than once per invocation.',
          );
      },
      fail: (error) => {
        if (settle()) this.#fail(error);
      },
      succeedWhenEmpty: (result) => {
        if (settled) return;
        this.#watch.whenEmpty(() => completion.succeed(result));
        // Tell the parent, so that a timeout in this state can name what keeps the loop busy.
        if (this.#watch.openHandles().length > 0) this.#post({ type: 'draining' });
      },
    };

    // What the RIC does when the event loop empties before the handler completed: an async
    // handler's promise can no longer settle (an error); a sync one that never called back succeeds with null.
    this.#watch.whenEmpty(() => {
      if (!settle()) return;
      if (this.#isAsync) this.#fail(new NodeJsExit());
      else this.#post({ type: 'response', payload: 'null', memoryBytes: this.#memory.sample() });
    });

    const [callback, context] = buildCallbackAndContext(request, this.#identity, completion);
    try {
      const result = this.#handler(JSON.parse(request.payload), context, callback);
      if (isPromiseLike(result)) result.then(context.succeed, context.fail);
    } catch (error) {
      callback(error);
    }
  }

  #respond(result: unknown): void {
    let payload: string | undefined;
    try {
      payload = JSON.stringify(result === undefined ? null : result);
    } catch {
      this.#fail(new Error('Unable to stringify response body'));
      return;
    }
    // JSON.stringify returns undefined for a function or symbol result.
    this.#post({ type: 'response', payload: payload ?? 'null', memoryBytes: this.#memory.sample() });
  }

  #fail(error: unknown): void {
    this.#console.logError('Invoke Error', error);
    this.#post({ type: 'error', error: toFunctionError(error), memoryBytes: this.#memory.sample() });
  }
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function'
  );
}
