import type { QueuedMessage } from './sqs-message.js';

/**
 * One line of the SQS journal (`<stateDir>/sqs/journal.jsonl`). Every change to a queue or a
 * message is appended before the API answers; replaying the lines in order rebuilds the queues.
 */
export type SqsJournalRecord =
  | {
      readonly t: 'queue';
      readonly name: string;
      readonly attributes: Readonly<Record<string, string>>;
      readonly tags: Readonly<Record<string, string>>;
      /** Epoch seconds. */
      readonly created: number;
      readonly modified: number;
    }
  | { readonly t: 'drop'; readonly name: string }
  | { readonly t: 'send'; readonly q: string; readonly m: QueuedMessage }
  /** A receive: per message its id, new receive count, visible-at and first-receive time (epoch ms). */
  | {
      readonly t: 'recv';
      readonly q: string;
      readonly r: ReadonlyArray<readonly [string, number, number, number]>;
    }
  /** A visibility change: the message becomes visible at `at` (epoch ms). */
  | { readonly t: 'vis'; readonly q: string; readonly id: string; readonly at: number }
  | { readonly t: 'del'; readonly q: string; readonly ids: readonly string[] }
  | { readonly t: 'purge'; readonly q: string }
  /** A FIFO deduplication entry that outlives its message (written by compaction). */
  | {
      readonly t: 'dedup';
      readonly q: string;
      readonly key: string;
      readonly id: string;
      readonly seq?: string;
      readonly at: number;
    };
