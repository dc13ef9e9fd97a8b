// The rows the ops queries select, as node-postgres returns them (bigint columns as strings).

export interface EventSummaryRow {
  readonly id: string;
  readonly type: string;
  readonly source: string;
  readonly time: Date;
  readonly detail: string;
  readonly correlation_id: string;
  readonly causation_id: string | null;
  readonly depth: number;
  readonly published_at: Date | null;
}

export interface ListenerOverviewRow {
  readonly id: string;
  readonly event_type: string;
  readonly target_type: string;
  readonly target_arn: string;
  readonly filter: string | null;
  readonly stack_id: string;
  readonly logical_id: string;
  readonly created_at: Date;
  readonly updated_at: Date;
  readonly pending: number;
  readonly delivered: number;
  readonly failed: number;
  readonly dead: number;
  readonly oldest_undelivered: string | null;
  readonly last_delivered: string | null;
}

export interface DeliverySummaryRow {
  readonly id: string;
  readonly event_id: string;
  readonly type: string;
  readonly status: string;
  readonly attempts: number;
  readonly next_attempt_at: Date | null;
  readonly last_error: string | null;
  readonly delivered_at: Date | null;
  readonly updated_at: Date;
}

export interface RefusalRow {
  readonly id: string;
  readonly code: string;
  readonly message: string;
  readonly publish_key: string | null;
  readonly type: string | null;
  readonly source: string | null;
  readonly correlation_id: string | null;
  readonly causation_id: string | null;
  readonly refused_at: Date;
}
