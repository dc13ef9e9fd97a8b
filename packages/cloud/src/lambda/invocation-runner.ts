import type { EnvironmentPool, PooledEnvironment } from './environment-pool.js';
import { FunctionInitError } from './function-error.js';
import type { RegisteredFunction } from './function-registry.js';
import { LogTail, writeEnd, writeStart } from './invocation-log.js';
import type { InvocationSample } from './invocation-sample.js';
import type { LogSink } from './types.js';

/** Lambda's limit on a synchronous response: 6 MB plus 100 bytes, as its error message states. */
export const SYNC_RESPONSE_LIMIT_BYTES = 6_291_556;

/** Where an {@link InvocationRunner} reports: the function logs and the metrics. */
export interface InvocationReporting {
  readonly logSink: LogSink;
  /** Told of every finished invocation (the metrics the monitoring view shows). */
  readonly onInvocation?: (sample: InvocationSample) => void;
}

/** The result of running one invocation in an environment. */
export interface RunResult {
  readonly payload: Buffer;
  readonly functionError: boolean;
  readonly logResult: string | undefined;
}

const RESPONSE_TOO_LARGE = Buffer.from(
  JSON.stringify({
    errorMessage: `Response payload size exceeded maximum allowed payload size (${SYNC_RESPONSE_LIMIT_BYTES} bytes).`,
    errorType: 'Function.ResponseSizeTooLarge',
  }),
);

/**
 * Runs invocations in the environments of an {@link EnvironmentPool}: the step both the
 * synchronous invoke path and the async queue end in, once they hold a unit of concurrency.
 */
export class InvocationRunner {
  readonly #pool: EnvironmentPool;
  readonly #reporting: InvocationReporting;

  constructor(pool: EnvironmentPool, reporting: InvocationReporting) {
    this.#pool = pool;
    this.#reporting = reporting;
  }

  /** Runs one invocation in a free environment and writes START/END/REPORT around it. */
  async run(
    entry: RegisteredFunction,
    requestId: string,
    event: string,
    traceHeader: string,
    clientContext: string | undefined,
    tail: boolean,
  ): Promise<RunResult> {
    const { config } = entry;
    const sink = this.#reporting.logSink;
    const functionName = config.name;
    const logTail = tail ? new LogTail() : undefined;
    let pooled: PooledEnvironment;
    try {
      pooled = await this.#pool.acquire(functionName);
    } catch (error) {
      if (!(error instanceof FunctionInitError)) throw error;
      // An init failure answers like AWS: a function error carrying the init error.
      writeStart(sink, functionName, requestId, logTail);
      const report = {
        durationMs: 0,
        memoryMb: config.memoryMb,
        maxMemoryUsedMb: 0,
        initDurationMs: error.initDurationMs,
      };
      const logResult = writeEnd(sink, functionName, requestId, report, logTail);
      this.#reporting.onInvocation?.({
        functionName,
        kind: 'invocation',
        error: true,
        durationMs: 0,
        coldStart: true,
      });
      return { payload: Buffer.from(JSON.stringify(error.error)), functionError: true, logResult };
    }
    const env = pooled.env!;
    pooled.tail = logTail;
    writeStart(sink, functionName, requestId, logTail);
    let discard = false;
    try {
      const outcome = await env.invoke({
        requestId,
        payload: event,
        deadlineMs: Date.now() + config.timeoutSeconds * 1000,
        traceId: traceHeader,
        ...(clientContext === undefined ? {} : { clientContext }),
      });
      let payload: Buffer;
      let functionError = outcome.kind === 'error';
      if (outcome.kind === 'success') {
        payload = Buffer.from(outcome.payload);
        if (payload.length > SYNC_RESPONSE_LIMIT_BYTES) {
          functionError = true;
          payload = RESPONSE_TOO_LARGE;
        }
      } else {
        discard = outcome.environmentDied;
        payload = Buffer.from(JSON.stringify(outcome.error));
      }
      const report = {
        durationMs: outcome.durationMs,
        memoryMb: config.memoryMb,
        maxMemoryUsedMb: outcome.maxMemoryUsedMb,
        ...(pooled.cold ? { initDurationMs: env.initDurationMs } : {}),
      };
      this.#reporting.onInvocation?.({
        functionName,
        kind: 'invocation',
        error: functionError,
        durationMs: outcome.durationMs,
        coldStart: pooled.cold,
      });
      pooled.cold = false;
      return { payload, functionError, logResult: writeEnd(sink, functionName, requestId, report, logTail) };
    } catch (error) {
      // The environment broke in a way it could not report; never reuse it.
      discard = true;
      throw error;
    } finally {
      this.#pool.release(pooled, discard);
    }
  }
}
