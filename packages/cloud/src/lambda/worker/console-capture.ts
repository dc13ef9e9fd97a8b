import { format } from 'node:util';
import { intoError, toFormatted } from './runtime-errors.js';

/**
 * The function's `console`, patched as the Node.js runtime interface client patches it: every call
 * becomes one log event `<ISO time>\t<requestId>\t<LEVEL>\t<util.format(...)>` (or a JSON object
 * when `AWS_LAMBDA_LOG_FORMAT` is `JSON`), filtered by `AWS_LAMBDA_LOG_LEVEL`. Events go to the
 * parent as messages, so they stay in order with the invocation's result. A multi-line message
 * stays one event, as it does in CloudWatch.
 */

type Level = 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'FATAL';

const PRIORITY: Readonly<Record<Level, number>> = {
  TRACE: 1,
  DEBUG: 2,
  INFO: 3,
  WARN: 4,
  ERROR: 5,
  FATAL: 6,
} as const;

type LogWriter = (level: Level, params: unknown[]) => void;

/** What the runtime itself logs through the patched console. */
export interface RuntimeConsole {
  /** Sets the request id stamped on every following line (`undefined` during init, as on AWS). */
  setRequestId(requestId: string | undefined): void;
  /** Logs an error the way the RIC does (`Invoke Error`, `Uncaught Exception`, ...). */
  logError(label: string, error: unknown): void;
}

let currentRequestId: string | undefined;

function isLevel(value: string): value is Level {
  return Object.hasOwn(PRIORITY, value);
}

/** The RIC's JSON log object: a single argument is kept as is (errors expanded), several are formatted. */
function jsonLine(time: string, level: Level, params: unknown[]): string {
  const entry: Record<string, unknown> = { timestamp: time, level, requestId: currentRequestId };
  if (params.length === 1) {
    entry.message = params[0];
    try {
      return JSON.stringify(entry, jsonErrorReplacer);
    } catch {
      entry.message = format(params[0]);
      return JSON.stringify(entry);
    }
  }
  entry.message = format(...params);
  const error = params.find((param): param is Error => param instanceof Error);
  if (error !== undefined) {
    entry.errorType = error.constructor?.name ?? 'UnknownError';
    entry.errorMessage = error.message;
    entry.stackTrace = typeof error.stack === 'string' ? error.stack.split('\n') : [];
  }
  return JSON.stringify(entry);
}

function jsonErrorReplacer(_key: string, value: unknown): unknown {
  if (!(value instanceof Error)) return value;
  return Object.assign(
    {
      errorType: value.constructor?.name ?? 'UnknownError',
      errorMessage: value.message,
      stackTrace: typeof value.stack === 'string' ? value.stack.split('\n') : value.stack,
    },
    value,
  );
}

/**
 * Replaces `console.trace/debug/info/log/warn/error` (and adds `fatal`) so that they send Lambda's
 * log lines to `emit`. Other console methods keep writing to stdout, which the parent also reads.
 */
export function captureConsole(emit: (line: string) => void, env: NodeJS.ProcessEnv): RuntimeConsole {
  const json = env.AWS_LAMBDA_LOG_FORMAT?.toUpperCase() === 'JSON';
  const wanted = env.AWS_LAMBDA_LOG_LEVEL?.toUpperCase() ?? 'TRACE';
  const threshold = isLevel(wanted) ? PRIORITY[wanted] : PRIORITY.TRACE;

  const write: LogWriter = json
    ? (level, params) => emit(jsonLine(new Date().toISOString(), level, params))
    : (level, params) =>
        emit(`${new Date().toISOString()}\t${currentRequestId}\t${level}\t${format(...params)}`);

  const method =
    (level: Level) =>
    (...params: unknown[]): void => {
      // The RIC formats (message, ...params), so a bare console.log() logs "undefined".
      if (PRIORITY[level] >= threshold) write(level, params.length === 0 ? [undefined] : params);
    };
  const patched = console as Console & { fatal?: (...params: unknown[]) => void };
  patched.trace = method('TRACE');
  patched.debug = method('DEBUG');
  patched.info = method('INFO');
  patched.log = patched.info;
  patched.warn = method('WARN');
  patched.error = method('ERROR');
  patched.fatal = method('FATAL');

  return {
    setRequestId(requestId) {
      currentRequestId = requestId;
    },
    logError: json
      ? (_label, error) => console.error(intoError(error))
      : (label, error) => console.error(label, toFormatted(intoError(error))),
  };
}
