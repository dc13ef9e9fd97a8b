/**
 * The base of every error this library throws: a stable `code` machines can switch on, a one-line
 * message for people, and the original error kept as `cause` for the logs.
 * @example
 * try { await invoke(arn, payload); } catch (error) {
 *   if (error instanceof LambdaLibraryError) logger.error(error.code, { error });
 * }
 */
export class LambdaLibraryError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target === LambdaLibraryError ? 'LambdaLibraryError' : new.target.name;
    this.code = code;
  }
}

/**
 * A required setting (an environment variable set in the template) is missing or invalid.
 * @example
 * throw new ConfigurationError('OFFLOAD_BUCKET is not set: add it to the function\'s Environment');
 */
export class ConfigurationError extends LambdaLibraryError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('CONFIGURATION_ERROR', message, options);
    // A literal name: bundlers minify class names, and the name is the errorType callers see.
    if (new.target === ConfigurationError) this.name = 'ConfigurationError';
  }
}
