import { CloudError } from '../errors.js';

/** A stack operation failed (and was rolled back); the message says which resource and why. */
export class StackOperationError extends CloudError {
  readonly stackName: string;

  constructor(code: string, stackName: string, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.stackName = stackName;
  }
}
