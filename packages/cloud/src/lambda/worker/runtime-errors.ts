import { types } from 'node:util';
import type { FunctionError } from '../function-error.js';

/**
 * The Node.js runtime interface client's own errors and its error serialisation, reproduced so
 * that invokers and logs see what they would see on AWS.
 */

/** Base of the runtime's errors: their `name` (hence errorType) is `Runtime.<Class>`. */
class RuntimeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = `Runtime.${new.target.name}`;
  }
}

/** The handler's module (or one it requires) could not be found. Message: `String(original)`. */
export class ImportModuleError extends RuntimeError {
  constructor(original: unknown) {
    super(String(original));
  }
}

/** The handler's module does not parse. The stack stays the original one, as the RIC does. */
export class UserCodeSyntaxError extends RuntimeError {
  constructor(original: Error) {
    super(String(original));
    this.stack = original.stack;
  }
}

/** The module loaded but the handler path does not lead to a function. */
export class HandlerNotFound extends RuntimeError {}

/** The handler string is not `module.function` or climbs out of the task root. */
export class MalformedHandlerName extends RuntimeError {}

/** A promise rejected with nobody handling it; the runtime exits after reporting it. */
export class UnhandledPromiseRejection extends RuntimeError {
  readonly reason: unknown;

  constructor(reason: unknown) {
    // The RIC passes the reason itself to Error, so the message is String(reason), e.g. "Error: boom".
    super(String(reason));
    this.reason = reason;
  }
}

/** An async handler's promise never settled and the event loop emptied. */
export class NodeJsExit extends RuntimeError {
  constructor() {
    super(
      'The Lambda runtime client detected an unexpected Node.js exit code. This is most commonly caused by a Promise that was never settled. For more information, see https://nodejs.org/docs/latest/api/process.html#exit-codes',
    );
  }
}

interface ErrorLike {
  readonly name: string;
  readonly message: string;
  readonly stack: string;
}

/** The RIC also accepts objects that merely look like errors (name, message and stack strings). */
function isErrorLike(value: unknown): value is ErrorLike {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Record<keyof ErrorLike, unknown>>;
  return (
    typeof candidate.name === 'string' &&
    candidate.name !== '' &&
    typeof candidate.message === 'string' &&
    candidate.message !== '' &&
    typeof candidate.stack === 'string' &&
    candidate.stack !== ''
  );
}

/**
 * The `{errorType, errorMessage, trace}` the RIC posts for an error: errorType is the error's
 * `name` (so a subclass that does not set `name` reports `Error`); a non-error value reports its
 * `typeof` and `String(value)` with an empty trace.
 */
export function toFunctionError(value: unknown): FunctionError {
  try {
    if (types.isNativeError(value) || isErrorLike(value)) {
      const error = value as Error;
      return {
        errorType: error.name,
        errorMessage: error.message,
        trace: typeof error.stack === 'string' ? error.stack.split('\n') : [],
      };
    }
    return { errorType: typeof value, errorMessage: String(value), trace: [] };
  } catch {
    return {
      errorType: 'handled',
      errorMessage:
        'callback called with Error argument, but there was a problem while retrieving one or more of its message, name, and stack',
      trace: [],
    };
  }
}

/** The RIC logs errors as `Error` objects: anything else is wrapped first. */
export function intoError(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value));
}

/**
 * The RIC's text rendering of an error in the log: a tab, then JSON with errorType, errorMessage,
 * code, the error's own enumerable fields and the stack as an array of lines.
 */
export function toFormatted(error: Error): string {
  try {
    return `\t${JSON.stringify(error, (_key, value: unknown) => withEnumerableProperties(value))}`;
  } catch {
    return `\t${JSON.stringify(toFunctionError(error))}`;
  }
}

function withEnumerableProperties(value: unknown): unknown {
  if (!(value instanceof Error)) return value;
  const fields: Record<string, unknown> = {
    errorType: value.name,
    errorMessage: value.message,
    code: (value as { code?: unknown }).code,
    ...value,
  };
  if (typeof value.stack === 'string') fields.stack = value.stack.split('\n');
  return fields;
}
