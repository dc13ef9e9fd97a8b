/** What the ops API answers with: the read models of the bus. */

/** An event as the ops API lists it. */
export interface EventSummary {
  readonly id: string;
  readonly type: string;
  readonly source: string;
  readonly time: string;
  readonly detail: unknown;
  readonly correlationId: string;
  readonly causationId: string | null;
  readonly depth: number;
  readonly publishedAt: string | null;
}

/** A listener with its delivery counts and lag. */
export interface ListenerOverview {
  readonly id: number;
  readonly event: string;
  readonly type: string;
  readonly arn: string;
  readonly filter: unknown;
  readonly stackId: string;
  readonly logicalId: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly deliveries: {
    readonly pending: number;
    readonly delivered: number;
    readonly failed: number;
    readonly dead: number;
  };
  /** Seconds since the oldest event this listener has not yet received was logged (0 when none). */
  readonly lagSeconds: number;
  readonly oldestUndeliveredEventId: string | null;
  readonly lastDeliveredEventId: string | null;
}

/** One delivery as the ops API lists failures and dead letters. */
export interface DeliverySummary {
  readonly id: number;
  readonly eventId: string;
  readonly eventType: string;
  readonly status: string;
  readonly attempts: number;
  readonly nextAttemptAt: string | null;
  readonly lastError: string | null;
  readonly deliveredAt: string | null;
  readonly updatedAt: string;
}

/** A refused event. */
export interface RefusalSummary {
  readonly id: number;
  readonly code: string;
  readonly message: string;
  readonly publishKey: string | null;
  readonly type: string | null;
  readonly source: string | null;
  readonly correlationId: string | null;
  readonly causationId: string | null;
  readonly refusedAt: string;
}
