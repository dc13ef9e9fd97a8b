import { type DeduplicationEntry, deduplicationKey, FifoSequencer } from './fifo-sequencer.js';
import { MessageIndex } from './message-index.js';
import { type QueueSettings, settingsOf } from './queue-attributes.js';
import {
  InvalidParameterValueError,
  MessageNotInflightError,
  ReceiptHandleIsInvalidError,
} from './sqs-errors.js';
import type { SqsJournalRecord } from './sqs-journal-record.js';
import {
  type AcceptedMessage,
  parseReceiptHandle,
  type QueuedMessage,
  type ReceivedMessage,
  receiptHandleOf,
} from './sqs-message.js';

/** Counts for monitoring (`SqsService.stats()`, GetQueueAttributes). */
export interface QueueStats {
  readonly visible: number;
  readonly inFlight: number;
  readonly delayed: number;
  /** Seconds since the oldest message still in the queue was sent; 0 when empty. */
  readonly approximateAgeOfOldestMessage: number;
}

/** What a queue needs from the service that owns it. */
export interface QueueHooks {
  /** Appends a journal record (synchronously, before the API answers). */
  persist(record: SqsJournalRecord): void;
  /** Moves a message past `maxReceiveCount` to the dead-letter queue; false if that queue is gone. */
  deadLetter(message: QueuedMessage, targetArn: string, sourceArn: string): boolean;
}

/** How a queue starts: fresh from CreateQueue, or rebuilt from the journal. */
export interface QueueInit {
  readonly name: string;
  readonly arn: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly tags: Readonly<Record<string, string>>;
  readonly created: number;
  readonly modified: number;
  readonly messages?: Iterable<QueuedMessage>;
  readonly deduplication?: Iterable<readonly [string, DeduplicationEntry]>;
}

/**
 * One SQS queue: its messages and their visibility, receive counts, delays, FIFO ordering and
 * deduplication, and the redrive to a dead-letter queue. Receives take visible messages in O(1)
 * (standard) or per group (FIFO); delayed and in-flight messages wait in a timer heap that wakes
 * the queue — and its listeners, the long polls and event source mappings — when they come due.
 */
export class SqsQueue {
  readonly name: string;
  readonly arn: string;
  readonly created: number;
  #modified: number;
  #attributes: Record<string, string>;
  #settings: QueueSettings;
  #tags: Record<string, string>;
  readonly #hooks: QueueHooks;
  readonly #messages: MessageIndex;
  readonly #fifo: FifoSequencer;
  readonly #listeners = new Set<() => void>();
  #notifyScheduled = false;
  #closed = false;

  constructor(init: QueueInit, hooks: QueueHooks) {
    this.name = init.name;
    this.arn = init.arn;
    this.created = init.created;
    this.#modified = init.modified;
    this.#attributes = { ...init.attributes };
    this.#settings = settingsOf(this.#attributes);
    this.#tags = { ...init.tags };
    this.#hooks = hooks;
    this.#messages = new MessageIndex(this.#settings.fifo, () => this.#notify());
    this.#fifo = new FifoSequencer(init.deduplication);
    const now = Date.now();
    for (const message of init.messages ?? []) {
      if (message.visibleAt <= now) message.state = 'visible';
      this.#messages.insert(message);
      this.#fifo.observe(message.sequenceNumber);
    }
  }

  get settings(): QueueSettings {
    return this.#settings;
  }

  /** The configured attributes (as SQS strings), without the computed ones. */
  get attributes(): Readonly<Record<string, string>> {
    return this.#attributes;
  }

  get tags(): Readonly<Record<string, string>> {
    return this.#tags;
  }

  get modified(): number {
    return this.#modified;
  }

  /** The journal record that recreates this queue's configuration. */
  queueRecord(): SqsJournalRecord {
    return {
      t: 'queue',
      name: this.name,
      attributes: this.#attributes,
      tags: this.#tags,
      created: this.created,
      modified: this.#modified,
    };
  }

  /** Applies validated attributes (SetQueueAttributes, a stack update). */
  setAttributes(attributes: Readonly<Record<string, string>>): void {
    const next = { ...this.#attributes, ...attributes };
    for (const [name, value] of Object.entries(attributes)) if (value === '') delete next[name];
    this.#attributes = next;
    this.#settings = settingsOf(next);
    this.#modified = Math.floor(Date.now() / 1000);
    this.#hooks.persist(this.queueRecord());
  }

  setTags(tags: Readonly<Record<string, string>>): void {
    this.#tags = { ...tags };
    this.#hooks.persist(this.queueRecord());
  }

  /**
   * Accepts a message (after the service checked it). A FIFO message whose deduplication id was
   * seen in the last five minutes is not queued again: the first message's id is returned.
   */
  accept(
    message: AcceptedMessage,
    delaySeconds: number,
    options: { redrive?: boolean } = {},
  ): { id: string; sequenceNumber?: string } {
    const now = options.redrive ? Date.now() : message.sentAt;
    let accepted = message;
    if (this.#settings.fifo) {
      // A redriven message keeps its deduplication id but was already deduplicated at its source.
      const key = deduplicationKey(
        this.#settings.deduplicationScope,
        message.groupId,
        message.deduplicationId,
      );
      const seen = options.redrive ? undefined : this.#fifo.seen(key, now);
      if (seen) return { id: seen.id, ...(seen.seq ? { sequenceNumber: seen.seq } : {}) };
      const sequenceNumber = this.#fifo.next();
      accepted = { ...message, sequenceNumber };
      if (!options.redrive) this.#fifo.remember(key, { id: message.id, seq: sequenceNumber, at: now });
    }
    const queued: QueuedMessage = {
      ...accepted,
      state: delaySeconds > 0 ? 'delayed' : 'visible',
      visibleAt: now + delaySeconds * 1000,
      receiveCount: 0,
      version: 0,
    };
    this.#hooks.persist({ t: 'send', q: this.name, m: queued });
    this.#messages.insert(queued);
    if (queued.state === 'visible') this.#notify();
    return { id: queued.id, ...(queued.sequenceNumber ? { sequenceNumber: queued.sequenceNumber } : {}) };
  }

  /** Takes up to `max` visible messages and makes them invisible for `visibilitySeconds`. */
  receive(max: number, visibilitySeconds = this.#settings.visibilityTimeoutSeconds): ReceivedMessage[] {
    const now = Date.now();
    this.#promote(now);
    const received: QueuedMessage[] = [];
    if (this.#settings.fifo) this.#receiveFifo(max, now, received);
    else {
      while (received.length < max) {
        const message = this.#messages.nextVisible();
        if (!message) break;
        if (this.#take(message, now)) received.push(message);
      }
    }
    if (received.length === 0) return [];
    const visibleAt = now + visibilitySeconds * 1000;
    for (const message of received) {
      message.receiveCount += 1;
      message.firstReceiveAt ??= now;
      this.#messages.setState(message, 'inflight', visibleAt);
    }
    this.#hooks.persist({
      t: 'recv',
      q: this.name,
      r: received.map((m) => [m.id, m.receiveCount, visibleAt, m.firstReceiveAt as number] as const),
    });
    return received.map((message) => ({ message, receiptHandle: receiptHandleOf(message) }));
  }

  /** Whether a receive now would return something (without taking it). */
  hasVisible(): boolean {
    return this.visibleCount > 0;
  }

  /** Visible messages now (FIFO: including those of groups blocked by an in-flight message). */
  get visibleCount(): number {
    this.#promote(Date.now());
    return this.#messages.count('visible');
  }

  /** Deletes the message a receipt handle names; a message already gone is not an error (as on SQS). */
  delete(receiptHandles: readonly string[]): void {
    const ids: string[] = [];
    for (const handle of receiptHandles) {
      const parsed = parseReceiptHandle(handle);
      if (!parsed) throw new ReceiptHandleIsInvalidError(handle);
      const message = this.#messages.get(parsed.id);
      if (message) ids.push(message.id);
    }
    if (ids.length === 0) return;
    this.#hooks.persist({ t: 'del', q: this.name, ids });
    for (const id of ids) this.#messages.remove(id);
    if (this.#settings.fifo) this.#notify();
  }

  /** ChangeMessageVisibility: the in-flight message becomes visible `seconds` from now. */
  changeVisibility(receiptHandle: string, seconds: number): void {
    if (!Number.isInteger(seconds) || seconds < 0 || seconds > 43_200)
      throw InvalidParameterValueError.of(
        'VisibilityTimeout',
        seconds,
        'Must be between 0 and 43200, if provided',
      );
    const parsed = parseReceiptHandle(receiptHandle);
    if (!parsed) throw new ReceiptHandleIsInvalidError(receiptHandle);
    const message = this.#messages.get(parsed.id);
    if (message?.state !== 'inflight') throw new MessageNotInflightError();
    const at = Date.now() + seconds * 1000;
    this.#hooks.persist({ t: 'vis', q: this.name, id: message.id, at });
    if (seconds === 0) {
      this.#messages.setState(message, 'visible', at);
      this.#notify();
    } else this.#messages.setState(message, 'inflight', at);
  }

  /** PurgeQueue: every message goes, whatever its state. */
  purge(): void {
    this.#hooks.persist({ t: 'purge', q: this.name });
    this.#messages.clear();
  }

  stats(): QueueStats {
    this.#promote(Date.now());
    const oldest = this.#messages.oldest();
    return {
      visible: this.#messages.count('visible'),
      inFlight: this.#messages.count('inflight'),
      delayed: this.#messages.count('delayed'),
      approximateAgeOfOldestMessage: oldest
        ? Math.max(0, Math.floor((Date.now() - oldest.sentAt) / 1000))
        : 0,
    };
  }

  /** Calls `listener` (soon, once per burst) whenever messages may have become receivable. */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Live messages and deduplication entries, for journal compaction. */
  snapshot(): { messages: Iterable<QueuedMessage>; deduplication: Iterable<[string, DeduplicationEntry]> } {
    return { messages: this.#messages.values(), deduplication: this.#fifo.entries(Date.now()) };
  }

  get messageCount(): number {
    return this.#messages.size;
  }

  /** Stops the timer and wakes every listener one last time (long polls answer empty). */
  close(): void {
    this.#closed = true;
    this.#messages.close();
    for (const listener of [...this.#listeners]) listener();
    this.#listeners.clear();
  }

  get closed(): boolean {
    return this.#closed;
  }

  #receiveFifo(max: number, now: number, received: QueuedMessage[]): void {
    const served: string[] = [];
    for (const [groupId, group] of this.#messages.groups()) {
      if (received.length >= max) break;
      let took = false;
      // A group's messages go out in order, and none while an earlier one is in flight.
      for (let index = 0; index < group.length && received.length < max; ) {
        const message = group[index] as QueuedMessage;
        if (message.state !== 'visible') break;
        const before = group.length;
        if (this.#take(message, now)) {
          received.push(message);
          took = true;
          index += 1;
        } else if (group.length === before) index += 1;
        if (group.length === 0) break;
      }
      if (took) served.push(groupId);
    }
    this.#messages.rotate(served);
  }

  /** Whether a visible message can be handed out; drops expired ones and redrives exhausted ones. */
  #take(message: QueuedMessage, now: number): boolean {
    if (now - message.sentAt > this.#settings.messageRetentionSeconds * 1000) {
      this.#hooks.persist({ t: 'del', q: this.name, ids: [message.id] });
      this.#messages.remove(message.id);
      return false;
    }
    const policy = this.#settings.redrivePolicy;
    if (policy && message.receiveCount >= policy.maxReceiveCount) {
      if (this.#hooks.deadLetter(message, policy.deadLetterTargetArn, this.arn)) {
        this.#hooks.persist({ t: 'del', q: this.name, ids: [message.id] });
        this.#messages.remove(message.id);
        return false;
      }
    }
    return true;
  }

  #promote(now: number): void {
    if (this.#messages.promote(now)) this.#notify();
  }

  #notify(): void {
    if (this.#notifyScheduled || this.#listeners.size === 0) return;
    this.#notifyScheduled = true;
    queueMicrotask(() => {
      this.#notifyScheduled = false;
      for (const listener of [...this.#listeners]) listener();
    });
  }
}
