/** Stable codes of the event bus's errors and refusals; clients and tests switch on them. */
export const EventBusErrorCode = {
  unknownListenerType: 'UNKNOWN_LISTENER_TYPE',
  malformedArn: 'MALFORMED_ARN',
  badFilter: 'BAD_FILTER',
  badEventType: 'BAD_EVENT_TYPE',
  invalidListener: 'INVALID_LISTENER',
  listenerNotFound: 'LISTENER_NOT_FOUND',
  invalidEvent: 'INVALID_EVENT',
  eventTooLarge: 'EVENT_TOO_LARGE',
  causationTooDeep: 'CAUSATION_TOO_DEEP',
  deliveryFailed: 'DELIVERY_FAILED',
  invalidReplay: 'INVALID_REPLAY',
} as const;

export type EventBusErrorCode = (typeof EventBusErrorCode)[keyof typeof EventBusErrorCode];

/**
 * The base of every error the event bus raises: a stable `code`, a one-line message for people,
 * and the `cause` kept for the logs.
 * @example
 * throw new EventBusError(EventBusErrorCode.listenerNotFound, 'No listener 42');
 */
export class EventBusError extends Error {
  readonly code: EventBusErrorCode;

  constructor(code: EventBusErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    // Literal names: a minified bundle would otherwise log a mangled class name.
    this.name = 'EventBusError';
    this.code = code;
  }
}

/** One thing wrong with a listener definition, with the property it concerns. */
export interface ListenerProblem {
  readonly code: EventBusErrorCode;
  readonly message: string;
}

/**
 * A listener definition that cannot be registered. The message lists every problem, so a stack's
 * FAILED reason names all of them at once (unknown type, malformed ARN, bad filter).
 * @example
 * throw new InvalidListenerError([{ code: 'MALFORMED_ARN', message: 'Arn "x" is not a Lambda function ARN' }]);
 */
export class InvalidListenerError extends EventBusError {
  readonly problems: readonly ListenerProblem[];

  constructor(problems: readonly ListenerProblem[]) {
    const only = problems.length === 1 ? problems[0] : undefined;
    super(
      only?.code ?? EventBusErrorCode.invalidListener,
      `Invalid event listener: ${problems.map((problem) => problem.message).join('; ')}`,
    );
    this.name = 'InvalidListenerError';
    this.problems = problems;
  }
}

/**
 * The listener an operation names is not registered (never was, or its stack removed it).
 * @example
 * throw new ListenerNotFoundError(42);
 */
export class ListenerNotFoundError extends EventBusError {
  constructor(listenerId: number) {
    super(EventBusErrorCode.listenerNotFound, `No event listener ${listenerId} is registered`);
    this.name = 'ListenerNotFoundError';
  }
}

/**
 * A hand-over to a listener's function or queue that failed. `permanent` failures (the payload
 * can never be accepted) go to the dead letters at once instead of being retried.
 * @example
 * throw new DeliveryFailure('ResourceNotFoundException: Function not found', { permanent: false });
 */
export class DeliveryFailure extends EventBusError {
  readonly permanent: boolean;

  constructor(message: string, options: { permanent?: boolean; cause?: unknown } = {}) {
    super(EventBusErrorCode.deliveryFailed, message, { cause: options.cause });
    this.name = 'DeliveryFailure';
    this.permanent = options.permanent ?? false;
  }
}
