import { type IngestionPorts, ingest } from './ingestion.js';
import type { TrackedPosition } from './tracked-position.js';

/** A position that came in a message of a queue batch, by the message's id. */
export interface BatchedPosition {
  readonly id: string;
  readonly position: TrackedPosition;
}

/** An organisation whose ingestion failed: its messages are to be retried. */
export interface OrganisationFailure {
  readonly orgId: string;
  readonly ids: readonly string[];
  readonly error: unknown;
}

/** What a queue batch stored, and the organisations that failed. */
export interface BatchIngestion {
  readonly accepted: number;
  readonly duplicates: number;
  readonly failures: readonly OrganisationFailure[];
}

/**
 * Ingests a queue batch as the batch endpoint does, one {@link ingest} (one transaction, one feed
 * message) per organisation, so an organisation's failure never holds back another's positions.
 * A failed organisation's message ids are returned, not thrown: the caller reports them as the
 * batch's failed items and only they come back. A retry is safe: repeats are stored once.
 * @example
 * const { failures } = await ingestByOrganisation(ports, [{ id: record.messageId, position }], new Date());
 */
export async function ingestByOrganisation(
  ports: IngestionPorts,
  batch: readonly BatchedPosition[],
  receivedAt: Date,
): Promise<BatchIngestion> {
  const byOrg = new Map<string, BatchedPosition[]>();
  for (const item of batch) {
    const group = byOrg.get(item.position.orgId);
    if (group) group.push(item);
    else byOrg.set(item.position.orgId, [item]);
  }
  let accepted = 0;
  let duplicates = 0;
  const failures: OrganisationFailure[] = [];
  for (const [orgId, items] of byOrg) {
    try {
      const result = await ingest(
        ports,
        items.map((item) => item.position),
        receivedAt,
      );
      accepted += result.accepted;
      duplicates += result.duplicates;
    } catch (error) {
      failures.push({ orgId, ids: items.map((item) => item.id), error });
    }
  }
  return { accepted, duplicates, failures };
}
