import { LambdaLibraryError } from './lambda-library-error.js';

/**
 * The function that was called failed: `errorType` and `errorMessage` are the remote function's
 * own (`ValidationError`, `Runtime.ExitError`, `Sandbox.Timedout`, ...), `functionName` the target.
 * @example
 * try { await invoke(process.env.VALIDATE_ARN!, user); } catch (error) {
 *   if (error instanceof RemoteFunctionError && error.errorType === 'NotFound') return undefined;
 *   throw error;
 * }
 */
export class RemoteFunctionError extends LambdaLibraryError {
  readonly functionName: string;
  readonly errorType: string;
  readonly errorMessage: string;
  readonly stackTrace: readonly string[];

  constructor(
    functionName: string,
    remote: { errorType: string; errorMessage: string; stackTrace?: readonly string[] },
  ) {
    super('REMOTE_FUNCTION_ERROR', `${functionName} failed: ${remote.errorType}: ${remote.errorMessage}`);
    // A literal name: bundlers minify class names, and the name is the errorType callers see.
    if (new.target === RemoteFunctionError) this.name = 'RemoteFunctionError';
    this.functionName = functionName;
    this.errorType = remote.errorType;
    this.errorMessage = remote.errorMessage;
    this.stackTrace = remote.stackTrace ?? [];
  }
}

/**
 * The call itself failed (the Lambda API refused it, the network failed, the result could not be
 * read): the function may not have run. `cause` keeps the SDK's error.
 * @example
 * catch (error) { if (error instanceof InvokeError) logger.warn('call failed', { code: error.code, error }); }
 */
export class InvokeError extends LambdaLibraryError {
  readonly functionName: string;

  constructor(functionName: string, message: string, options: { cause?: unknown } = {}) {
    super('INVOKE_FAILED', `Calling ${functionName} failed: ${message}`, options);
    // A literal name: bundlers minify class names, and the name is the errorType callers see.
    if (new.target === InvokeError) this.name = 'InvokeError';
    this.functionName = functionName;
  }
}

/**
 * A payload could not be offloaded to S3 or fetched back.
 * @example
 * catch (error) { if (error instanceof OffloadError) logger.error('offload failed', { error }); }
 */
export class OffloadError extends LambdaLibraryError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('OFFLOAD_FAILED', message, options);
    // A literal name: bundlers minify class names, and the name is the errorType callers see.
    if (new.target === OffloadError) this.name = 'OffloadError';
  }
}
