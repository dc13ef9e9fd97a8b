import { LambdaLibraryError } from './lambda-library-error.js';

/**
 * Thrown from an authorizer's `authorize` when the caller has no valid credentials: API Gateway
 * answers 401 (it looks for exactly this message).
 * @example
 * if (!token) throw new Unauthorized();
 */
export class Unauthorized extends LambdaLibraryError {
  constructor(options: { cause?: unknown } = {}) {
    super('UNAUTHORIZED', 'Unauthorized', options);
    // A literal name: bundlers minify class names, and the name is the errorType callers see.
    if (new.target === Unauthorized) this.name = 'Unauthorized';
  }
}
