/** The stable codes of the items service's errors; clients switch on them. */
export const ITEMS_ERROR = {
  /** The request body is not a valid item; `problems` names each field. */
  invalidItem: 'INVALID_ITEM',
  /** The item's time window has already closed. */
  windowClosed: 'WINDOW_CLOSED',
  /** The Idempotency-Key was used before with a different body. */
  idempotencyConflict: 'IDEMPOTENCY_KEY_REUSED',
  /** The status lifecycle has no such step. */
  illegalTransition: 'ILLEGAL_TRANSITION',
  /** The step exists, but this kind of actor may not take it. */
  transitionNotAllowed: 'TRANSITION_NOT_ALLOWED',
  /** The item belongs to another client system, organisation or driver. */
  notYourItem: 'NOT_YOUR_ITEM',
  /** Two allocations for one item disagree on the vehicle. */
  allocationConflict: 'ALLOCATION_CONFLICT',
  /** No such item for this caller: absent, or someone else's (told apart from neither). */
  itemNotFound: 'ITEM_NOT_FOUND',
  /** The client system's API key lacks the route's scope. */
  insufficientScope: 'INSUFFICIENT_SCOPE',
  /** The user's role may not use this route. */
  forbidden: 'FORBIDDEN',
} as const;

/** One of {@link ITEMS_ERROR}. */
export type ItemsErrorCode = (typeof ITEMS_ERROR)[keyof typeof ITEMS_ERROR];

/**
 * The base of the items domain's errors: a stable `code`, a one-line message fit for the caller,
 * the original error as `cause`. The Lambda layer maps each code to an HTTP status.
 * @example
 * throw new ItemsError(ITEMS_ERROR.notYourItem, `No item ${id}`);
 */
export class ItemsError extends Error {
  readonly code: ItemsErrorCode;

  constructor(code: ItemsErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    // A literal, not new.target.name: bundles are minified (SAM's default) and would mangle it.
    this.name = 'ItemsError';
    this.code = code;
  }
}

/** One thing wrong with a request, with the dotted path of the field it concerns. */
export interface FieldProblem {
  readonly path: string;
  readonly message: string;
}

/**
 * A create request that does not describe a valid item. The message names every problem, so a
 * client fixes them all in one round trip.
 * @example
 * throw new InvalidItemError([{ path: 'pickup.lat', message: 'must be at most 90' }]);
 */
export class InvalidItemError extends ItemsError {
  readonly problems: readonly FieldProblem[];

  constructor(problems: readonly FieldProblem[], options: { cause?: unknown } = {}) {
    super(
      ITEMS_ERROR.invalidItem,
      `Invalid item: ${problems.map((problem) => `${problem.path || '(body)'}: ${problem.message}`).join('; ')}`,
      options,
    );
    this.name = 'InvalidItemError';
    this.problems = problems;
  }
}

/**
 * A status change the lifecycle does not have (`ILLEGAL_TRANSITION`) or that this actor may not
 * make (`TRANSITION_NOT_ALLOWED`); names both statuses.
 * @example
 * throw new TransitionError(ITEMS_ERROR.illegalTransition, 'delivered', 'picked_up', 'driver');
 */
export class TransitionError extends ItemsError {
  readonly from: string;
  readonly to: string;
  readonly actor: string;

  constructor(
    code: typeof ITEMS_ERROR.illegalTransition | typeof ITEMS_ERROR.transitionNotAllowed,
    from: string,
    to: string,
    actor: string,
  ) {
    super(
      code,
      code === ITEMS_ERROR.illegalTransition
        ? `An item cannot go from ${from} to ${to}`
        : `A ${actor} may not move an item from ${from} to ${to}`,
    );
    this.name = 'TransitionError';
    this.from = from;
    this.to = to;
    this.actor = actor;
  }
}

/**
 * An Idempotency-Key reused with a different body: the client has a bug, and guessing which body
 * it meant would be worse than saying so.
 * @example
 * throw new IdempotencyConflictError('order-42');
 */
export class IdempotencyConflictError extends ItemsError {
  readonly idempotencyKey: string;

  constructor(idempotencyKey: string) {
    super(
      ITEMS_ERROR.idempotencyConflict,
      `Idempotency-Key ${idempotencyKey} was already used for a different item; use a new key for a new item`,
    );
    this.name = 'IdempotencyConflictError';
    this.idempotencyKey = idempotencyKey;
  }
}
