import type { PgConnection } from '@motorcade/lambda';
import { PgIngestionStore } from '../store/ingestion-store.js';
import { busPublisher, queueFeed } from './publishers.js';

/**
 * The ports of the ingestion domain in a deployed function: PostgreSQL, the bus and the queue.
 * @example
 * await ingest(ingestionPorts(db), positions, new Date());
 */
export function ingestionPorts(db: PgConnection) {
  return { store: new PgIngestionStore(db), events: busPublisher, feed: queueFeed };
}
