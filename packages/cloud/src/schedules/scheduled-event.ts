import { randomUUID } from 'node:crypto';
import { InvalidExpressionError } from './schedule-errors.js';

/** The event EventBridge sends to the targets of a scheduled rule. */
export interface ScheduledEvent {
  readonly version: '0';
  readonly id: string;
  readonly 'detail-type': 'Scheduled Event';
  readonly source: 'aws.events';
  readonly account: string;
  /** The scheduled time, to the second, e.g. `2015-10-08T16:53:06Z`. */
  readonly time: string;
  readonly region: string;
  readonly resources: readonly string[];
  readonly detail: Record<string, never>;
}

/** EventBridge's scheduled event for the rule `ruleArn` firing at `time`. */
export function scheduledEvent(
  ruleArn: string,
  accountId: string,
  region: string,
  time: Date,
): ScheduledEvent {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: accountId,
    time: isoSeconds(time),
    region,
    resources: [ruleArn],
    detail: {},
  };
}

/** `2015-10-08T16:53:06Z`: the form EventBridge and Scheduler write times in. */
export function isoSeconds(time: Date): string {
  return `${time.toISOString().slice(0, 19)}Z`;
}

/**
 * Checks an EventBridge target's InputPath: a JSONPath into the event such as `$.detail` or
 * `$.resources[0]`.
 * @throws InvalidExpressionError when it is not one
 */
export function checkInputPath(path: string): void {
  if (!/^\$(\.[A-Za-z0-9_-]+|\[\d+\]|\['[^']+'\])*$/.test(path)) {
    throw new InvalidExpressionError(`'${path}' is not a JSONPath EventBridge can apply (e.g. $.detail)`);
  }
}

/** The part of `event` an InputPath selects, as JSON text (EventBridge sends nothing for a missing path). */
export function applyInputPath(event: unknown, path: string): string {
  let value: unknown = event;
  for (const [, dotted, index, quoted] of path
    .slice(1)
    .matchAll(/\.([A-Za-z0-9_-]+)|\[(\d+)\]|\['([^']+)'\]/g)) {
    const key = dotted ?? quoted ?? Number(index);
    value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  }
  return value === undefined ? '' : JSON.stringify(value);
}

/** What EventBridge Scheduler substitutes for the context attributes of a target's Input. */
export interface SchedulerContext {
  readonly scheduleArn: string;
  readonly scheduledTime: Date;
  readonly executionId: string;
  readonly attemptNumber: number;
}

/**
 * A Scheduler target's payload: its Input with the `<aws.scheduler.*>` context attributes replaced,
 * or `{}` when the target has no Input.
 */
export function schedulerPayload(input: string | undefined, context: SchedulerContext): string {
  if (input === undefined) return '{}';
  const values: Record<string, string> = {
    'schedule-arn': context.scheduleArn,
    'scheduled-time': isoSeconds(context.scheduledTime),
    'execution-id': context.executionId,
    'attempt-number': String(context.attemptNumber),
  };
  return input.replace(/<aws\.scheduler\.([a-z-]+)>/g, (whole, name: string) => values[name] ?? whole);
}
