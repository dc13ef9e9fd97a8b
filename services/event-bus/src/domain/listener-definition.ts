import { EventBusErrorCode, InvalidListenerError, type ListenerProblem } from './errors.js';
import { compileFilter, type EventFilter, MATCH_ALL } from './filter/event-filter.js';
import { FilterError } from './filter/filter-problem.js';
import { isFunctionArn, isListenerType, type ListenerTarget, queueAddress } from './listener-target.js';

/** Event types are camelCase, as the envelope schema requires. */
const EVENT_TYPE = /^[a-z][A-Za-z0-9]*$/;

/** A listener as a template declares it, checked: what the registry stores. */
export interface ListenerDefinition {
  readonly eventType: string;
  readonly target: ListenerTarget;
  /** The content pattern as given (`null` without one), and whether its scalars arrived as strings. */
  readonly filter: unknown;
  readonly filterLoose: boolean;
}

/**
 * The properties of a `Custom::EventListener`, as CloudFormation sends them: `Event`, `Type`,
 * `Arn` and optionally `Filter` — an object (CloudFormation sends its scalars as strings) or a
 * JSON string (types kept).
 */
export type ListenerProperties = Readonly<Record<string, unknown>>;

/** The properties a listener declaration may have besides CloudFormation's own. */
const KNOWN_PROPERTIES = new Set(['ServiceToken', 'ServiceTimeout', 'Event', 'Type', 'Arn', 'Filter']);

/**
 * Checks a listener declaration and returns what to register, or throws
 * {@link InvalidListenerError} naming every problem: an event type that is not camelCase, an
 * unknown listener type, an ARN that is not a function's (lambda) or a standard queue's (sqs), a
 * filter that is not a valid content pattern.
 * @example
 * const definition = parseListenerDefinition({ Event: 'allocationAccepted', Type: 'lambda', Arn: functionArn });
 */
export function parseListenerDefinition(properties: ListenerProperties): ListenerDefinition {
  const problems: ListenerProblem[] = [];
  const invalid = (message: string): void => {
    problems.push({ code: EventBusErrorCode.invalidListener, message });
  };
  for (const key of Object.keys(properties)) {
    if (!KNOWN_PROPERTIES.has(key))
      invalid(`unknown property ${key} (a listener has Event, Type, Arn and Filter)`);
  }
  const { Event: event, Type: type, Arn: arn } = properties;
  if (typeof event !== 'string')
    invalid('Event is required: the event type to listen to, e.g. allocationAccepted');
  else if (!EVENT_TYPE.test(event)) {
    problems.push({
      code: EventBusErrorCode.badEventType,
      message: `Event ${JSON.stringify(event)} is not an event type: it must be camelCase, e.g. allocationAccepted`,
    });
  }
  if (typeof type !== 'string') invalid('Type is required: lambda or sqs');
  else if (!isListenerType(type)) {
    problems.push({
      code: EventBusErrorCode.unknownListenerType,
      message: `Type ${JSON.stringify(type)} is not a listener type: use lambda or sqs`,
    });
  }
  if (typeof arn !== 'string') invalid('Arn is required: the function (lambda) or queue (sqs) to deliver to');
  else if (typeof type === 'string' && isListenerType(type)) {
    const arnProblem = checkArn(type, arn);
    if (arnProblem) problems.push({ code: EventBusErrorCode.malformedArn, message: arnProblem });
  }
  const filter = readFilter(properties.Filter);
  if ('problem' in filter) problems.push({ code: EventBusErrorCode.badFilter, message: filter.problem });
  if (
    problems.length > 0 ||
    typeof event !== 'string' ||
    typeof type !== 'string' ||
    !isListenerType(type) ||
    typeof arn !== 'string' ||
    'problem' in filter
  ) {
    throw new InvalidListenerError(problems);
  }
  return { eventType: event, target: { type, arn }, filter: filter.pattern, filterLoose: filter.loose };
}

/**
 * Compiles a stored filter; `null` (no filter) matches every event.
 * @example
 * const filter = listenerFilter(row.filter, row.filterLoose);
 */
export function listenerFilter(pattern: unknown, loose: boolean): EventFilter {
  return pattern === null || pattern === undefined ? MATCH_ALL : compileFilter(pattern, { loose });
}

function checkArn(type: 'lambda' | 'sqs', arn: string): string | undefined {
  if (type === 'lambda') {
    return isFunctionArn(arn)
      ? undefined
      : `Arn ${JSON.stringify(arn)} is not a Lambda function ARN (arn:aws:lambda:<region>:<account>:function:<name>)`;
  }
  const queue = queueAddress(arn);
  if (!queue)
    return `Arn ${JSON.stringify(arn)} is not an SQS queue ARN (arn:aws:sqs:<region>:<account>:<queue>)`;
  return queue.queueName.endsWith('.fifo')
    ? `Arn ${JSON.stringify(arn)} is a FIFO queue: the bus does not deliver in order, so use a standard queue`
    : undefined;
}

type ReadFilter = { readonly pattern: unknown; readonly loose: boolean } | { readonly problem: string };

function readFilter(raw: unknown): ReadFilter {
  if (raw === undefined || raw === null || raw === '') return { pattern: null, loose: false };
  let pattern: unknown = raw;
  const loose = typeof raw !== 'string';
  if (typeof raw === 'string') {
    try {
      pattern = JSON.parse(raw);
    } catch (error) {
      return { problem: `Filter is not valid JSON: ${(error as Error).message}` };
    }
  }
  try {
    compileFilter(pattern, { loose });
    return { pattern, loose };
  } catch (error) {
    if (!(error instanceof FilterError)) throw error;
    return { problem: `Filter is not a valid content pattern: ${error.message}` };
  }
}
