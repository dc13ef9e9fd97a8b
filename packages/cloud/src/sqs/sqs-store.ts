import { join } from 'node:path';
import { Journal } from '../state/journal.js';
import { type DeduplicationEntry, deduplicationKey } from './fifo-sequencer.js';
import type { SqsJournalRecord } from './sqs-journal-record.js';
import type { QueuedMessage } from './sqs-message.js';
import type { QueueInit, SqsQueue } from './sqs-queue.js';

/** A queue as the journal left it: configuration, live messages and deduplication entries. */
export type RecoveredQueue = Omit<QueueInit, 'arn'>;

/** Compaction runs once the journal holds this many records (by default)... */
export const DEFAULT_COMPACTION_MIN_RECORDS = 20_000;
/** ...and this many times more records than live messages. */
const COMPACT_RATIO = 4;

/**
 * The SQS service's durable state: one append-only journal per environment under
 * `<stateDir>/sqs/`. Appends are synchronous (they survive a kill -9 once the API answered); the
 * journal is rewritten as a snapshot when it grows well past what it describes.
 */
export class SqsStore {
  readonly #journal: Journal<SqsJournalRecord>;
  readonly #recovered: SqsJournalRecord[];
  readonly #minRecords: number;
  #closed = false;

  private constructor(journal: Journal<SqsJournalRecord>, records: SqsJournalRecord[], minRecords: number) {
    this.#journal = journal;
    this.#recovered = records;
    this.#minRecords = minRecords;
  }

  static open(stateDir: string, compactionMinRecords = DEFAULT_COMPACTION_MIN_RECORDS): SqsStore {
    const { journal, records } = Journal.open<SqsJournalRecord>(join(stateDir, 'sqs', 'journal.jsonl'));
    return new SqsStore(journal, records, compactionMinRecords);
  }

  /** Appends between two checks of {@link shouldCompact} (each check counts the live messages). */
  get checkInterval(): number {
    return Math.max(1, Math.floor(this.#minRecords / 20));
  }

  /** Replays the journal into queues, oldest record first. */
  recover(): RecoveredQueue[] {
    const queues = new Map<
      string,
      {
        record: Extract<SqsJournalRecord, { t: 'queue' }>;
        messages: Map<string, QueuedMessage>;
        dedup: Map<string, DeduplicationEntry>;
      }
    >();
    for (const record of this.#recovered) {
      if (record.t === 'queue') {
        const existing = queues.get(record.name);
        if (existing) existing.record = record;
        else queues.set(record.name, { record, messages: new Map(), dedup: new Map() });
        continue;
      }
      if (record.t === 'drop') {
        queues.delete(record.name);
        continue;
      }
      const queue = queues.get(record.q);
      if (!queue) continue;
      switch (record.t) {
        case 'send':
          queue.messages.set(record.m.id, { ...record.m, version: 0 });
          break;
        case 'recv':
          for (const [id, count, visibleAt, firstReceiveAt] of record.r) {
            const message = queue.messages.get(id);
            if (!message) continue;
            message.receiveCount = count;
            message.visibleAt = visibleAt;
            message.firstReceiveAt = firstReceiveAt;
            message.state = 'inflight';
          }
          break;
        case 'vis': {
          const message = queue.messages.get(record.id);
          if (message) message.visibleAt = record.at;
          break;
        }
        case 'del':
          for (const id of record.ids) queue.messages.delete(id);
          break;
        case 'purge':
          queue.messages.clear();
          break;
        case 'dedup':
          queue.dedup.set(record.key, {
            id: record.id,
            at: record.at,
            ...(record.seq ? { seq: record.seq } : {}),
          });
          break;
      }
    }
    this.#recovered.length = 0;
    return [...queues.values()].map(({ record, messages, dedup }) => ({
      name: record.name,
      attributes: record.attributes,
      tags: record.tags,
      created: record.created,
      modified: record.modified,
      messages: [...messages.values()],
      deduplication: [...dedup.entries()].concat(deduplicationOf(record, messages)),
    }));
  }

  append(record: SqsJournalRecord): void {
    if (this.#closed) return;
    this.#journal.append(record);
  }

  /** Whether the journal has grown enough past `liveMessages` to be worth rewriting. */
  shouldCompact(liveMessages: number): boolean {
    const length = this.#journal.length;
    return length >= this.#minRecords && length > COMPACT_RATIO * liveMessages;
  }

  /** Rewrites the journal as `records` (a snapshot of every queue), atomically. */
  compact(records: readonly SqsJournalRecord[]): void {
    if (this.#closed) return;
    this.#journal.rewrite(records);
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#journal.close();
  }
}

/** FIFO deduplication entries of the messages still queued (their ids were seen within the window). */
function deduplicationOf(
  record: Extract<SqsJournalRecord, { t: 'queue' }>,
  messages: Map<string, QueuedMessage>,
): Array<[string, DeduplicationEntry]> {
  if (record.attributes.FifoQueue !== 'true') return [];
  const scope = record.attributes.DeduplicationScope === 'messageGroup' ? 'messageGroup' : 'queue';
  const entries: Array<[string, DeduplicationEntry]> = [];
  for (const message of messages.values()) {
    if (message.deadLetterSourceArn) continue;
    const key = deduplicationKey(scope, message.groupId, message.deduplicationId);
    entries.push([
      key,
      {
        id: message.id,
        at: message.sentAt,
        ...(message.sequenceNumber ? { seq: message.sequenceNumber } : {}),
      },
    ]);
  }
  return entries;
}

/** The records that recreate `queues` as they are now: configuration, deduplication entries, live messages. */
export function snapshotRecords(queues: Iterable<SqsQueue>): SqsJournalRecord[] {
  const records: SqsJournalRecord[] = [];
  for (const queue of queues) {
    records.push(queue.queueRecord());
    const { messages, deduplication } = queue.snapshot();
    for (const [key, entry] of deduplication)
      records.push({
        t: 'dedup',
        q: queue.name,
        key,
        id: entry.id,
        at: entry.at,
        ...(entry.seq ? { seq: entry.seq } : {}),
      });
    for (const message of messages) records.push({ t: 'send', q: queue.name, m: message });
  }
  return records;
}
