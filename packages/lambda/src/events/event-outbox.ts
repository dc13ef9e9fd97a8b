import { ConfigurationError } from '../errors/lambda-library-error.js';
import { invokeAsync } from '../invoke/invoke.js';
import { logger } from '../observability/telemetry.js';
import { LAMBDA_ASYNC_LIMIT_BYTES } from '../offload/payload-limits.js';
import type { EventEnvelope } from '../types/event-envelope.js';
import { createEvent, EventTooLargeError, SEND_EVENT_ARN_ENV } from './create-event.js';
import { type OutboxQueryable, PgOutboxStore } from './outbox-store.js';
import { batchPayload, eventBatches } from './post-events.js';

export type { OutboxQueryable } from './outbox-store.js';

/** An event to stage: its type and detail, and optionally its organisation and cause. */
export interface OutboxEventInput<TDetail = unknown> {
  readonly type: string;
  readonly detail: TDetail;
  /** Stored in `org_id` (to find an organisation's stuck events); null when omitted. */
  readonly orgId?: string | null;
  /**
   * The event this one answers, when it is not the one the current invocation handles (an SQS
   * batch of bus events): its id becomes `causationId`, its correlation id is kept.
   */
  readonly cause?: { readonly id: string; readonly correlationId: string };
}

/** An event stored in the outbox: its envelope, whose `id` is the bus's publish key. */
export interface StagedEvent<TDetail = unknown> {
  readonly id: string;
  readonly type: string;
  readonly envelope: EventEnvelope<TDetail>;
}

/** What `publish` accepts: a staged event, or one a service keeps with its envelope untyped. */
export interface PostableEvent {
  readonly id: string;
  readonly type: string;
  readonly envelope: unknown;
}

/** Options of {@link EventOutbox.relay}. */
export interface RelayOptions {
  /** Leave events younger (or tried more recently) than this to their poster. Default 10. */
  readonly graceSeconds?: number;
  /** At most this many a run; a backlog drains over the next runs. Default 500. */
  readonly limit?: number;
}

/** What a relay run did. */
export interface RelaySummary {
  /** Leftovers taken. */
  readonly pending: number;
  /** Of those, posted (the rest failed and wait for a later run). */
  readonly posted: number;
}

/** Options of {@link eventOutbox}. */
export interface EventOutboxOptions {
  /** The service's schema, which holds its `outbox` table. */
  readonly schema: string;
  /** The SendEvent ARN; default `process.env.SEND_EVENT_ARN`, read when posting. */
  readonly target?: () => string | undefined;
}

const OPTION_KEYS = new Set(['schema', 'target']);

/**
 * A transactional outbox for one service's events (see {@link eventOutbox}).
 * @example
 * const staged = await db.transaction(async (tx) => {
 *   await tx.query('UPDATE items.items SET status = $2 WHERE id = $1', [itemId, 'cancelled']);
 *   return outbox.stage(tx, [{ type: 'itemStatusChanged', detail, orgId }]);
 * });
 * await outbox.publish(db, staged);
 */
export class EventOutbox {
  readonly #store: PgOutboxStore;
  readonly #target: () => string | undefined;

  constructor(options: EventOutboxOptions) {
    const unknown = Object.keys(options).filter((key) => !OPTION_KEYS.has(key));
    if (unknown.length > 0) throw new ConfigurationError(`Unknown outbox options: ${unknown.join(', ')}`);
    this.#store = new PgOutboxStore(options.schema);
    this.#target = options.target ?? (() => process.env[SEND_EVENT_ARN_ENV]);
  }

  /**
   * Builds each event's envelope (`createEvent`: a new id, the current correlation and causation
   * ids) and stores it with `tx`, which must be the transaction that makes the change the events
   * describe: they are kept exactly when it commits. Answers them in order, for {@link publish}.
   * Throws {@link EventTooLargeError} for an envelope over 1 MB, which the bus could never take.
   * @example
   * const staged = await outbox.stage(tx, [{ type: 'itemCreated', detail: { itemId }, orgId }]);
   */
  async stage<TEvent extends OutboxEventInput>(
    tx: OutboxQueryable,
    events: readonly TEvent[],
  ): Promise<StagedEvent<TEvent['detail']>[]> {
    const staged = events.map((event) => {
      const created = createEvent(event.type, event.detail);
      const envelope =
        event.cause === undefined
          ? created
          : { ...created, correlationId: event.cause.correlationId, causationId: event.cause.id };
      const bytes = Buffer.byteLength(JSON.stringify(envelope));
      if (bytes > LAMBDA_ASYNC_LIMIT_BYTES) throw new EventTooLargeError(event.type, bytes);
      return { id: envelope.id, type: event.type, envelope, orgId: event.orgId ?? null };
    });
    await this.#store.insert(tx, staged);
    return staged.map(({ id, type, envelope }) => ({ id, type, envelope }));
  }

  /**
   * Posts staged events after their transaction committed (async invokes of SendEvent, up to ten
   * events each — see `postEvents` — one after the other, in order) and marks those the bus
   * accepted. It never throws: the events are safe in the table, so
   * a failure is logged and the rest left to {@link relay}. It stops at the first failure (the bus
   * is likely unreachable, and a later event should not overtake an earlier one needlessly).
   * Answers how many were posted.
   * @example
   * await outbox.publish(db, staged);
   */
  async publish(db: OutboxQueryable, staged: readonly PostableEvent[]): Promise<number> {
    if (staged.length === 0) return 0;
    const target = this.#target();
    if (!target) {
      logger.error(`Outbox events not posted: ${SEND_EVENT_ARN_ENV} is not set; the relay will retry them`, {
        eventIds: staged.map((event) => event.id),
      });
      return 0;
    }
    let batches: PostableEvent[][];
    try {
      // Staged envelopes were checked against the 1 MB limit, so this only groups them; an event
      // built elsewhere may be over it, and publish must still not throw after the commit.
      batches = eventBatches(staged, (event) => JSON.stringify(event.envelope));
    } catch (error) {
      logger.error('Outbox events not posted: one can never be sent; the relay will retry those stored', {
        eventIds: staged.map((event) => event.id),
        error,
      });
      return 0;
    }
    const posted: string[] = [];
    for (const batch of batches) {
      try {
        await invokeAsync(target, batchPayload(batch.map((event) => event.envelope)));
        posted.push(...batch.map((event) => event.id));
      } catch (error) {
        logger.warn('Outbox events not posted; the relay will retry them', {
          eventIds: batch.map((event) => event.id),
          eventTypes: batch.map((event) => event.type),
          left: staged.length - posted.length,
          error,
        });
        break;
      }
    }
    try {
      await this.#store.markPosted(db, posted);
    } catch (error) {
      // Unmarked, they are posted again by the relay, and the bus logs each publish key once.
      logger.warn('Posted outbox events not marked; the relay will repost them', { eventIds: posted, error });
    }
    return posted.length;
  }

  /**
   * For a schedule: takes the events left unposted for `graceSeconds` (their poster crashed, timed
   * out or could not reach the bus), oldest first, and publishes them. Database errors are thrown
   * (the schedule's run fails and is seen); posting errors are logged as in {@link publish}.
   * @example
   * export const handler = schedule({ action: 'relayOutbox', connections: [db], handler: () => outbox.relay(db) });
   */
  async relay(db: OutboxQueryable, options: RelayOptions = {}): Promise<RelaySummary> {
    const graceSeconds = options.graceSeconds ?? 10;
    const limit = options.limit ?? 500;
    if (!(graceSeconds >= 0) || !Number.isInteger(limit) || limit < 1)
      throw new ConfigurationError('relay needs graceSeconds >= 0 and a whole limit >= 1');
    const pending = await this.#store.claim(db, graceSeconds, limit);
    const posted = await this.publish(db, pending);
    return { pending: pending.length, posted };
  }

  /**
   * Deletes events posted more than `days` ago (the bus keeps its own log); answers how many.
   * @example
   * const pruned = await outbox.prune(db, 7);
   */
  async prune(db: OutboxQueryable, days: number): Promise<number> {
    if (!Number.isInteger(days) || days < 0)
      throw new ConfigurationError('prune needs a whole number of days >= 0');
    return this.#store.prunePosted(db, days);
  }
}

/**
 * The transactional outbox of a service whose schema has the outbox table (DDL in
 * docs/lambda-library.md; the service's migration creates it): `stage` events in the transaction
 * that makes them happen, `publish` them after the commit, and let a schedule `relay` what was
 * not posted. Every post of an event carries the same envelope id, the bus's publish key, so
 * posting is at least once and the bus logs each event exactly once.
 * @example
 * export const outbox = eventOutbox({ schema: 'items' });
 */
export function eventOutbox(options: EventOutboxOptions): EventOutbox {
  return new EventOutbox(options);
}
