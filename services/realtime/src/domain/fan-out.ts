import { mapSettled } from './bounded-concurrency.js';
import type { Subscriber } from './connection.js';
import { REALTIME_ERROR, RealtimeError } from './errors.js';
import type { ConnectionStore, Pusher } from './ports.js';
import type { OrganisationPositions } from './position-feed.js';
import { eventFrame, type PushedEvent, positionFrames } from './server-messages.js';

/** What a fan-out needs: the connections, the way to push, and how many pushes may run at once. */
export interface FanOutDependencies {
  readonly store: ConnectionStore;
  readonly pusher: Pusher;
  readonly concurrency: number;
}

/** What a fan-out did. */
export interface FanOutReport {
  /** Frames sent. */
  readonly delivered: number;
  /** Connections found gone (GoneException) and forgotten. */
  readonly gone: number;
  /** Pushes that failed otherwise, with the organisation and the error. */
  readonly failures: readonly {
    readonly connectionId: string;
    readonly orgId: string;
    readonly error: unknown;
  }[];
}

/**
 * Pushes a fleet event to every connection of its organisation; connections found gone are
 * forgotten.
 * @throws RealtimeError `PUSH_FAILED` when a push failed otherwise (after the others were sent),
 *   so the invocation is retried; the dashboard ignores an event id it has already seen
 * @example
 * await fanOutEvent(deps, detail.orgId, event);
 */
export async function fanOutEvent(
  deps: FanOutDependencies,
  orgId: string,
  event: PushedEvent,
): Promise<FanOutReport> {
  const frame = eventFrame(event);
  const subscribers = await deps.store.subscribersOf([orgId]);
  const report = await deliver(deps, subscribers, () => [frame]);
  if (report.failures.length > 0) {
    throw new RealtimeError(
      REALTIME_ERROR.pushFailed,
      `${report.failures.length} of ${subscribers.length} pushes of event ${event.id} failed`,
      { cause: report.failures[0]?.error },
    );
  }
  return report;
}

/**
 * Pushes a coalesced feed batch: each connection receives its organisation's positions in one
 * frame (more only past API Gateway's 128 KB frame limit). Connections found gone are forgotten.
 * Returns, besides the report, the feed messages of organisations where a push failed otherwise:
 * reported as batch item failures, they come back and are pushed again (positions are idempotent:
 * the dashboard keeps the newest fix of each vehicle).
 * @example
 * const { failedMessageIds } = await fanOutPositions(deps, coalescePositions(batch));
 */
export async function fanOutPositions(
  deps: FanOutDependencies,
  organisations: readonly OrganisationPositions[],
): Promise<FanOutReport & { readonly failedMessageIds: string[] }> {
  const byOrg = new Map(organisations.map((organisation) => [organisation.orgId, organisation]));
  const frames = new Map(organisations.map((o) => [o.orgId, positionFrames(o.positions)]));
  const subscribers = await deps.store.subscribersOf([...byOrg.keys()]);
  const report = await deliver(deps, subscribers, (subscriber) => frames.get(subscriber.orgId) ?? []);
  const failedOrgs = new Set(report.failures.map((failure) => failure.orgId));
  return {
    ...report,
    failedMessageIds: [...failedOrgs].flatMap((orgId) => byOrg.get(orgId)?.messageIds ?? []),
  };
}

async function deliver(
  deps: FanOutDependencies,
  subscribers: readonly Subscriber[],
  framesOf: (subscriber: Subscriber) => readonly string[],
): Promise<FanOutReport> {
  const pushes = subscribers.flatMap((subscriber) =>
    framesOf(subscriber).map((frame) => ({ subscriber, frame })),
  );
  const outcomes = await mapSettled(pushes, deps.concurrency, ({ subscriber, frame }) =>
    deps.pusher.push(subscriber.connectionId, frame),
  );
  const gone = new Set<string>();
  const failures: { connectionId: string; orgId: string; error: unknown }[] = [];
  let delivered = 0;
  outcomes.forEach((outcome, index) => {
    const { subscriber } = pushes[index] as (typeof pushes)[number];
    if (outcome.status === 'rejected')
      failures.push({
        connectionId: subscriber.connectionId,
        orgId: subscriber.orgId,
        error: outcome.reason,
      });
    else if (outcome.value === 'gone') gone.add(subscriber.connectionId);
    else delivered += 1;
  });
  if (gone.size > 0) await deps.store.remove([...gone]);
  return { delivered, gone: gone.size, failures };
}
