/**
 * Stable codes of every failure `@motorcade/deploy` raises on purpose. The CLI maps them to exit
 * codes, so a code never changes meaning once released.
 */
export const DeployErrorCode = {
  /** A template failed validation; `findings` lists why. */
  TEMPLATE_INVALID: 'TEMPLATE_INVALID',
  /** The project config asks for something deploy cannot do (unknown env, service, missing value). */
  CONFIG_INVALID: 'CONFIG_INVALID',
  /** The credentials belong to another account than the environment's. */
  ACCOUNT_MISMATCH: 'ACCOUNT_MISMATCH',
  /** Two environments share one account and the config does not say that is intended. */
  ACCOUNT_SHARED: 'ACCOUNT_SHARED',
  /** A change set could not be created (other than "no changes"). */
  CHANGE_SET_FAILED: 'CHANGE_SET_FAILED',
  /** A stack operation ended in a failed or rolled-back state. */
  STACK_FAILED: 'STACK_FAILED',
  /** A stack is in a state no operation can start from (e.g. another update in progress). */
  STACK_BUSY: 'STACK_BUSY',
  /** A stack cannot be deleted because other stacks import its exports. */
  EXPORT_IN_USE: 'EXPORT_IN_USE',
  /** Bundling or uploading a function's code, or uploading or deleting the dashboard's files, failed. */
  ARTIFACT_FAILED: 'ARTIFACT_FAILED',
  /** The config has a `web` section but its dist directory holds no build (no `index.html`). */
  WEB_NOT_BUILT: 'WEB_NOT_BUILT',
} as const;

/** One of the {@link DeployErrorCode} values. */
export type DeployErrorCode = (typeof DeployErrorCode)[keyof typeof DeployErrorCode];

/**
 * The one error type of `@motorcade/deploy`: a stable `code`, a one-line `message` for the user,
 * the `cause` kept for the logs.
 */
export class DeployError extends Error {
  /** Stable machine-readable code. */
  readonly code: DeployErrorCode;

  constructor(code: DeployErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DeployError';
    this.code = code;
  }
}
