import { EVENT_SIZE_LIMIT_BYTES, envelopeBytesAtMost } from './bus-event.js';
import { causationTooDeepMessage, causingEventId } from './causation.js';
import { EventBusErrorCode } from './errors.js';
import { type AttemptReport, type DeliveryAttempt, fanOut } from './fan-out.js';
import type { ActiveListener, RegistryCache } from './listener-registry.js';
import type { DeliveryLedger, DeliveryRef, EventLog, Refusal } from './ports.js';
import type { RetryPolicy } from './retry-policy.js';

/** An event a publisher posted: the library's envelope, whose `id` is the publisher's key. */
export interface PublishRequest {
  /** The publisher's envelope id: unique per event, the same on every retry of one publish. */
  readonly publishKey: string;
  readonly type: string;
  readonly source: string;
  readonly publishedAt: string;
  readonly detail: unknown;
  readonly correlationId: string;
  readonly causationId?: string | undefined;
}

/** What SendEvent needs, injected so the flow is tested without Lambda or PostgreSQL. */
export interface PublishDependencies {
  readonly log: EventLog;
  readonly ledger: Pick<DeliveryLedger, 'record'>;
  readonly registry: RegistryCache;
  readonly transport: Parameters<typeof fanOut>[1];
  readonly policy: RetryPolicy;
  /** Chains deeper than this are refused. */
  readonly maxDepth: number;
  /** How long SendEvent holds a fresh delivery before the retry sweep may take it over. */
  readonly leaseSeconds: number;
}

/** What publishing came to. */
export type PublishResult =
  | {
      readonly accepted: true;
      readonly eventId: string;
      /** True when this publish key was logged before (a retry): nothing was logged again. */
      readonly duplicate: boolean;
      readonly delivered: number;
      /** Deliveries that failed now and wait for a retry (or went straight to the dead letters). */
      readonly failures: readonly AttemptReport[];
    }
  | { readonly accepted: false; readonly code: string; readonly message: string };

/**
 * Accepts one event: refuses it when its envelope would exceed 1 MB or its causation chain the
 * limit; otherwise appends it to the log together with a pending delivery for each matching
 * listener (one round trip), hands it to every one of them at once, and records the outcomes.
 * Idempotent: a publish key already logged (Lambda retried SendEvent, or the publisher retried)
 * is not logged again; only its deliveries that were never attempted are made.
 * @example
 * const result = await publish(request, { log, ledger, registry, transport, policy, maxDepth: 16, leaseSeconds: 60 });
 */
export async function publish(request: PublishRequest, deps: PublishDependencies): Promise<PublishResult> {
  return deliverLogged(await logEvent(request, deps), deps);
}

/** An entry of a batch: an event to publish, or one found invalid, to refuse. */
export type BatchEntry =
  | { readonly request: PublishRequest }
  | {
      readonly refusal: {
        readonly request: Partial<PublishRequest>;
        readonly code: string;
        readonly message: string;
      };
    };

/**
 * Accepts a batch (what `postEvents` sends): each entry as {@link publish} would, logged one after
 * the other so the ids follow the batch's order, while the deliveries of the entries already
 * logged go on meanwhile. An invalid entry is refused alone. If logging fails (the database), the
 * deliveries under way are let finish before the error is thrown, so Lambda's retry of the batch
 * finds them recorded.
 * @example
 * const results = await publishBatch([{ request }, { refusal: { request: {}, code, message } }], deps);
 */
export async function publishBatch(
  entries: readonly BatchEntry[],
  deps: PublishDependencies,
): Promise<PublishResult[]> {
  const finishing: Promise<Settled>[] = [];
  let failure: { readonly error: unknown } | undefined;
  try {
    for (const entry of entries) finishing.push(settle(deliverLogged(await logEntry(entry, deps), deps)));
  } catch (error) {
    failure = { error };
  }
  const settled = await Promise.all(finishing);
  failure ??= settled.find((outcome) => 'error' in outcome);
  if (failure) throw failure.error;
  return settled.flatMap((outcome) => ('result' in outcome ? [outcome.result] : []));
}

/**
 * One entry of a batch — or an event posted alone — as {@link publishBatch} takes it: published, or
 * refused when it was found invalid.
 * @example
 * const result = await publishEntry({ request }, deps);
 */
export async function publishEntry(entry: BatchEntry, deps: PublishDependencies): Promise<PublishResult> {
  return deliverLogged(await logEntry(entry, deps), deps);
}

function logEntry(entry: BatchEntry, deps: PublishDependencies): Promise<Logged> {
  if ('request' in entry) return logEvent(entry.request, deps);
  const { request, code, message } = entry.refusal;
  return refuse(deps.log, request, code, message).then((done) => ({ done }));
}

type Settled = { readonly result: PublishResult } | { readonly error: unknown };

// Caught at once, so a delivery that fails while the next entry is logged is not an unhandled rejection.
function settle(promise: Promise<PublishResult>): Promise<Settled> {
  return promise.then(
    (result) => ({ result }),
    (error: unknown) => ({ error }),
  );
}

/** An event logged with its deliveries to make, or a publish already decided (refused). */
type Logged =
  | { readonly done: PublishResult }
  | { readonly eventId: string; readonly duplicate: boolean; readonly attempts: readonly DeliveryAttempt[] };

/** The first half of {@link publish}: checks, logs and works out the deliveries; delivers nothing. */
async function logEvent(request: PublishRequest, deps: PublishDependencies): Promise<Logged> {
  const detailJson = JSON.stringify(request.detail ?? null);
  const size = envelopeBytesAtMost({ ...request, detailJson });
  if (size > EVENT_SIZE_LIMIT_BYTES) {
    return {
      done: await refuse(
        deps.log,
        request,
        EventBusErrorCode.eventTooLarge,
        `The event's envelope would be ${size} bytes; the limit is ${EVENT_SIZE_LIMIT_BYTES} (1 MB, Lambda's asynchronous invocation limit). Store large data elsewhere (S3) and send its key`,
      ),
    };
  }
  let registry = await deps.registry.current();
  let targets = registry.matching(request.type, request.detail);
  const appended = await deps.log.append({
    publishKey: request.publishKey,
    type: request.type,
    source: request.source,
    detailJson,
    correlationId: request.correlationId,
    causationId: request.causationId,
    causingEventId: causingEventId(request.causationId),
    publishedAt: request.publishedAt,
    maxDepth: deps.maxDepth,
    listenerIds: targets.map((listener) => listener.id),
    leaseSeconds: deps.leaseSeconds,
  });
  if (appended.kind === 'too-deep') {
    return {
      done: await refuse(
        deps.log,
        request,
        EventBusErrorCode.causationTooDeep,
        causationTooDeepMessage(appended.depth, deps.maxDepth),
      ),
    };
  }
  if (appended.kind === 'duplicate') {
    const unattempted = await deps.log.claimUnattempted(appended.eventId, deps.leaseSeconds);
    return { eventId: appended.eventId, duplicate: true, attempts: unattempted };
  }
  let deliveries: readonly DeliveryRef[] = appended.deliveries;
  if (appended.registryVersion !== registry.version) {
    // A listener was added, changed or removed since this environment loaded the registry.
    registry = await deps.registry.reload();
    targets = registry.matching(request.type, request.detail);
    deliveries = await deps.log.reconcile(
      appended.event.id,
      targets.map((listener) => listener.id),
      deps.leaseSeconds,
    );
  }
  const byId = new Map<number, ActiveListener>(targets.map((listener) => [listener.id, listener]));
  const attempts: DeliveryAttempt[] = [];
  for (const delivery of deliveries) {
    const listener = byId.get(delivery.listenerId);
    if (listener) attempts.push({ ...delivery, attempts: 0, target: listener.target, event: appended.event });
  }
  return { eventId: appended.event.id, duplicate: false, attempts };
}

/** The second half of {@link publish}: makes the deliveries and records their outcomes. */
async function deliverLogged(logged: Logged, deps: PublishDependencies): Promise<PublishResult> {
  if ('done' in logged) return logged.done;
  const reports = await deliver(logged.attempts, deps);
  return accepted(logged.eventId, logged.duplicate, reports);
}

/**
 * Records a refusal and says why; the event is not logged and nothing is delivered.
 * @example
 * return refuse(log, request, 'INVALID_EVENT', 'Invalid event: payload.type');
 */
export async function refuse(
  log: Pick<EventLog, 'refuse'>,
  request: Partial<PublishRequest>,
  code: string,
  message: string,
): Promise<PublishResult> {
  const refusal: Refusal = {
    publishKey: request.publishKey,
    type: request.type,
    source: request.source,
    correlationId: request.correlationId,
    causationId: request.causationId,
    code,
    message,
  };
  await log.refuse(refusal);
  return { accepted: false, code, message };
}

async function deliver(
  attempts: readonly DeliveryAttempt[],
  deps: PublishDependencies,
): Promise<AttemptReport[]> {
  if (attempts.length === 0) return [];
  const reports = await fanOut(attempts, deps.transport, deps.policy);
  await deps.ledger.record(reports.map((report) => report.outcome));
  return reports;
}

function accepted(eventId: string, duplicate: boolean, reports: readonly AttemptReport[]): PublishResult {
  const failures = reports.filter((report) => report.outcome.status !== 'delivered');
  return { accepted: true, eventId, duplicate, delivered: reports.length - failures.length, failures };
}
