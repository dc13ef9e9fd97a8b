import {
  type CloudFormationClient,
  DescribeStackEventsCommand,
  type StackEvent,
} from '@aws-sdk/client-cloudformation';
import { isStackMissing } from '../aws/aws-error.js';
import { describeStack } from './stack-status.js';

/** Waits between polls; injectable so tests run without real delays. */
export type Sleep = (ms: number) => Promise<void>;

/** The default poll interval: CloudFormation's own waiters poll every 5 to 30 s. */
export const POLL_INTERVAL_MS = 5_000;

/** The outcome of watching a stack operation to its end. */
export interface WatchResult {
  /** The final status; `DELETE_COMPLETE` when the stack is gone. */
  readonly status: string;
  /** The first resource failure's reason, when there was one. */
  readonly failure?: string;
}

/**
 * The ids of the events a stack already has, so watching an operation reports only its own.
 * A stack that does not exist yet has none.
 */
export async function seenEvents(cf: CloudFormationClient, stackName: string): Promise<Set<string>> {
  try {
    const page = await cf.send(new DescribeStackEventsCommand({ StackName: stackName }));
    return new Set((page.StackEvents ?? []).map((event) => event.EventId ?? ''));
  } catch (error) {
    if (isStackMissing(error)) return new Set();
    throw error;
  }
}

/**
 * Polls a stack until its operation ends, reporting each new stack event once, oldest first, as
 * one line (`LogicalId Type STATUS reason`). The first `*_FAILED` event with a reason is kept:
 * that is the cause, the later ones are CloudFormation cancelling the rest.
 */
export async function watchStack(
  cf: CloudFormationClient,
  stackName: string,
  seen: Set<string>,
  onEvent: (line: string, event: StackEvent) => void,
  sleep: Sleep,
  intervalMs = POLL_INTERVAL_MS,
): Promise<WatchResult> {
  let failure: string | undefined;
  for (;;) {
    const fresh = await newEvents(cf, stackName, seen);
    for (const event of fresh) {
      const reason = event.ResourceStatusReason;
      if (
        failure === undefined &&
        event.ResourceStatus?.endsWith('_FAILED') &&
        reason &&
        !/cancelled/i.test(reason)
      ) {
        failure = `${event.LogicalResourceId}: ${reason}`;
      }
      const line = [event.LogicalResourceId, event.ResourceType, event.ResourceStatus, reason]
        .filter((part) => part !== undefined && part !== '')
        .join('  ');
      onEvent(line, event);
    }
    const stack = await describeStack(cf, stackName);
    const status = stack?.StackStatus ?? 'DELETE_COMPLETE';
    // UPDATE_COMPLETE_CLEANUP_IN_PROGRESS is still removing replaced resources: not done yet.
    if (!status.endsWith('_IN_PROGRESS')) {
      return failure === undefined ? { status } : { status, failure };
    }
    await sleep(intervalMs);
  }
}

async function newEvents(
  cf: CloudFormationClient,
  stackName: string,
  seen: Set<string>,
): Promise<StackEvent[]> {
  let page: { StackEvents?: StackEvent[] };
  try {
    page = await cf.send(new DescribeStackEventsCommand({ StackName: stackName }));
  } catch (error) {
    if (isStackMissing(error)) return [];
    throw error;
  }
  const fresh: StackEvent[] = [];
  // Newest first: stop at the first event already reported.
  for (const event of page.StackEvents ?? []) {
    const id = event.EventId ?? '';
    if (seen.has(id)) break;
    seen.add(id);
    fresh.push(event);
  }
  return fresh.reverse();
}
