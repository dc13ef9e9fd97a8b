import type { ListenerType } from '../domain/listener-target.js';
import type { ClaimedDelivery } from '../domain/ports.js';
import { EVENT_COLUMNS, type EventRow, loggedEvent } from './event-rows.js';

/** The RETURNING list of a claim (`deliveries d`, `listeners l`, `events e`). */
export const CLAIM_RETURNING = `d.id AS delivery_id, d.listener_id, d.attempts, l.target_type, l.target_arn, ${EVENT_COLUMNS}`;

/** A claimed delivery's row. */
export interface ClaimRow extends EventRow {
  /** bigint columns arrive as strings. */
  readonly delivery_id: string;
  readonly listener_id: string;
  readonly attempts: number;
  readonly target_type: ListenerType;
  readonly target_arn: string;
}

/**
 * A claim's row as the domain's claimed delivery.
 * @example
 * const claimed = rows.map(claimedDelivery);
 */
export function claimedDelivery(row: ClaimRow): ClaimedDelivery {
  return {
    deliveryId: Number(row.delivery_id),
    listenerId: Number(row.listener_id),
    attempts: row.attempts,
    target: { type: row.target_type, arn: row.target_arn },
    event: loggedEvent(row),
  };
}
