import type { EnvironmentContext, LocalService } from '../cloud-service.js';
import type { ServiceFactory } from '../environment.js';
import type { ResourceProvider } from '../stacks/resource-provider.js';
import { eventSourceMappingProvider } from './event-source-mapping-provider.js';
import { longPoll } from './long-poll.js';
import { checkQueueName, defaultAttributes, validateAttributes } from './queue-attributes.js';
import { queuePolicyProvider, queueProvider } from './queue-provider.js';
import { prepareMessage, type SendMessageInput } from './send-message.js';
import { InvalidParameterValueError, QueueDoesNotExistError, QueueNameExistsError } from './sqs-errors.js';
import { type EventSourceMappingConfig, SqsEventPoller } from './sqs-event-poller.js';
import type { SqsJournalRecord } from './sqs-journal-record.js';
import type { QueuedMessage, ReceivedMessage } from './sqs-message.js';
import { type QueueStats, SqsQueue } from './sqs-queue.js';
import { SqsStore, snapshotRecords } from './sqs-store.js';

/** How an {@link SqsService} is tuned (tests shrink the compaction threshold). */
export interface SqsServiceOptions {
  /** The journal is compacted once it holds this many records and 4× more than live messages. */
  readonly compactionMinRecords?: number;
}

/** The result of an accepted SendMessage. */
export interface SendResult {
  readonly messageId: string;
  readonly md5OfBody: string;
  readonly md5OfAttributes?: string;
  readonly sequenceNumber?: string;
}

/** A queue's statistics for monitoring, by queue name in {@link SqsService.stats}. */
export interface SqsQueueStats extends QueueStats {
  readonly arn: string;
}

/**
 * The SQS service of one environment (account): its queues, durable in a journal under
 * `<stateDir>/sqs/`, the SQS API's operations (the edge routes call these), the
 * `AWS::SQS::Queue` and `AWS::Lambda::EventSourceMapping` providers and the pollers that feed
 * queues to functions.
 */
export class SqsService implements LocalService {
  readonly context: EnvironmentContext;
  readonly #queues = new Map<string, SqsQueue>();
  readonly #pollers = new Map<string, SqsEventPoller>();
  readonly #arnPrefix: string;
  #store: SqsStore | undefined;
  #appends = 0;
  #compactionScheduled = false;
  #started = false;
  #closed = false;

  readonly #options: SqsServiceOptions;

  constructor(context: EnvironmentContext, options: SqsServiceOptions = {}) {
    this.context = context;
    this.#options = options;
    this.#arnPrefix = `arn:aws:sqs:${context.region}:${context.accountId}:`;
  }

  providers(): Readonly<Record<string, ResourceProvider>> {
    return {
      'AWS::SQS::Queue': queueProvider(this),
      'AWS::SQS::QueuePolicy': queuePolicyProvider(this),
      'AWS::Lambda::EventSourceMapping': eventSourceMappingProvider(this),
    };
  }

  /** Rebuilds the queues from the journal, and compacts it. */
  async load(): Promise<void> {
    const store = this.#openStore();
    for (const recovered of store.recover()) {
      const queue = new SqsQueue({ ...recovered, arn: this.queueArn(recovered.name) }, this.#hooks());
      this.#queues.set(queue.name, queue);
    }
    this.#compact();
  }

  start(): void {
    this.#started = true;
    for (const poller of this.#pollers.values()) poller.start();
  }

  async close(): Promise<void> {
    this.#closed = true;
    await Promise.all([...this.#pollers.values()].map((poller) => poller.stop()));
    for (const queue of this.#queues.values()) queue.close();
    this.#store?.close();
  }

  owns(arn: string): boolean {
    return arn.startsWith(this.#arnPrefix);
  }

  /** A destination or dead-letter delivery to one of this account's queues: a SendMessage. */
  async deliver(arn: string, payload: string): Promise<void> {
    this.sendMessage(this.queueByArn(arn), { MessageBody: payload }, this.context.accountId);
  }

  queueArn(name: string): string {
    return `${this.#arnPrefix}${name}`;
  }

  /** `<edge URL>/<account>/<name>`: the SDK sends requests for a queue to its URL's host. */
  queueUrl(name: string): string {
    return `${this.context.edgeUrl()}/${this.context.accountId}/${name}`;
  }

  /** CreateQueue: idempotent when the attributes match, QueueNameExists when they differ. */
  createQueue(
    name: string,
    attributes: Readonly<Record<string, string>> = {},
    tags: Readonly<Record<string, string>> = {},
  ): SqsQueue {
    const fifo = attributes.FifoQueue === 'true';
    checkQueueName(name, fifo);
    const validated = validateAttributes(attributes, fifo);
    this.#checkRedriveTarget(validated.RedrivePolicy, fifo);
    const existing = this.#queues.get(name);
    if (existing) {
      for (const [key, value] of Object.entries(validated))
        if (existing.attributes[key] !== value) throw new QueueNameExistsError(key);
      return existing;
    }
    const now = Math.floor(Date.now() / 1000);
    const queue = new SqsQueue(
      {
        name,
        arn: this.queueArn(name),
        attributes: { ...defaultAttributes(fifo), ...validated },
        tags,
        created: now,
        modified: now,
      },
      this.#hooks(),
    );
    this.#queues.set(name, queue);
    this.#persist(queue.queueRecord());
    for (const poller of this.#pollers.values()) poller.queueChanged();
    return queue;
  }

  /** SetQueueAttributes. */
  setQueueAttributes(queue: SqsQueue, attributes: Readonly<Record<string, string>>): void {
    if (attributes.FifoQueue !== undefined && attributes.FifoQueue !== String(queue.settings.fifo))
      throw new InvalidParameterValueError(
        'Invalid value for the parameter FifoQueue. Reason: Modifying queue type is not supported.',
      );
    const validated = validateAttributes(attributes, queue.settings.fifo);
    this.#checkRedriveTarget(validated.RedrivePolicy, queue.settings.fifo);
    queue.setAttributes(validated);
  }

  deleteQueue(queue: SqsQueue): void {
    this.#persist({ t: 'drop', name: queue.name });
    this.#queues.delete(queue.name);
    queue.close();
  }

  listQueues(prefix = ''): SqsQueue[] {
    return [...this.#queues.values()].filter((queue) => queue.name.startsWith(prefix));
  }

  queueByName(name: string): SqsQueue {
    const queue = this.#queues.get(name);
    if (!queue) throw new QueueDoesNotExistError();
    return queue;
  }

  findQueue(name: string): SqsQueue | undefined {
    return this.#queues.get(name);
  }

  /** The queue a QueueUrl names (`.../<account>/<name>`; the host is not checked). */
  queueByUrl(url: string): SqsQueue {
    const parts = url.replace(/[?#].*$/, '').split('/');
    const name = parts.at(-1) ?? '';
    const account = parts.at(-2);
    if (account !== undefined && /^\d{12}$/.test(account) && account !== this.context.accountId)
      throw new QueueDoesNotExistError();
    return this.queueByName(name);
  }

  queueByArn(arn: string): SqsQueue {
    if (!this.owns(arn)) throw new QueueDoesNotExistError();
    return this.queueByName(arn.slice(this.#arnPrefix.length));
  }

  /** SendMessage: checks, journals and queues one message. */
  sendMessage(queue: SqsQueue, input: SendMessageInput, senderId: string): SendResult {
    const { message, delaySeconds } = prepareMessage(queue, input, senderId);
    const { id, sequenceNumber } = queue.accept(message, delaySeconds);
    return {
      messageId: id,
      md5OfBody: message.md5OfBody,
      ...(message.md5OfAttributes ? { md5OfAttributes: message.md5OfAttributes } : {}),
      ...(sequenceNumber ? { sequenceNumber } : {}),
    };
  }

  /**
   * ReceiveMessage: answers at once when messages are visible, else waits up to `waitSeconds`
   * (long polling) and answers as soon as one arrives.
   */
  receiveMessage(
    queue: SqsQueue,
    max: number,
    visibilitySeconds: number | undefined,
    waitSeconds: number,
  ): Promise<ReceivedMessage[]> {
    return longPoll(queue, max, visibilitySeconds, this.#closed ? 0 : waitSeconds);
  }

  /** Statistics of every queue, by name. */
  stats(): Record<string, SqsQueueStats> {
    const out: Record<string, SqsQueueStats> = {};
    for (const queue of this.#queues.values()) out[queue.name] = { arn: queue.arn, ...queue.stats() };
    return out;
  }

  /** Registers an event source mapping; its poller starts with the service (or now, if it runs). */
  addEventSourceMapping(config: EventSourceMappingConfig): void {
    this.#pollers.get(config.uuid)?.stop();
    const poller = new SqsEventPoller(config, {
      queue: (arn) => (this.owns(arn) ? this.#queues.get(arn.slice(this.#arnPrefix.length)) : undefined),
      lambda: this.context.lambda,
      region: this.context.region,
    });
    this.#pollers.set(config.uuid, poller);
    if (this.#started && !this.#closed) poller.start();
  }

  async removeEventSourceMapping(uuid: string): Promise<void> {
    const poller = this.#pollers.get(uuid);
    this.#pollers.delete(uuid);
    await poller?.stop();
  }

  eventSourceMapping(uuid: string): EventSourceMappingConfig | undefined {
    return this.#pollers.get(uuid)?.config;
  }

  #checkRedriveTarget(policy: string | undefined, fifo: boolean): void {
    if (!policy) return;
    const { deadLetterTargetArn } = JSON.parse(policy) as { deadLetterTargetArn: string };
    const target = this.owns(deadLetterTargetArn)
      ? this.#queues.get(deadLetterTargetArn.slice(this.#arnPrefix.length))
      : undefined;
    if (!target)
      throw InvalidParameterValueError.of('RedrivePolicy', policy, 'Dead letter target does not exist');
    if (target.settings.fifo !== fifo)
      throw InvalidParameterValueError.of(
        'RedrivePolicy',
        policy,
        'Dead-letter queue must be same type of queue as the source.',
      );
  }

  #hooks() {
    return {
      persist: (record: SqsJournalRecord) => this.#persist(record),
      deadLetter: (message: QueuedMessage, targetArn: string, sourceArn: string) =>
        this.#deadLetter(message, targetArn, sourceArn),
    };
  }

  /** Moves a message to its dead-letter queue, keeping its id, body, attributes and sent time. */
  #deadLetter(message: QueuedMessage, targetArn: string, sourceArn: string): boolean {
    const target = this.owns(targetArn)
      ? this.#queues.get(targetArn.slice(this.#arnPrefix.length))
      : undefined;
    if (!target || target.closed) return false;
    const {
      state: _state,
      visibleAt: _at,
      receiveCount: _count,
      firstReceiveAt: _first,
      version: _v,
      ...accepted
    } = message;
    target.accept({ ...accepted, deadLetterSourceArn: sourceArn }, 0, { redrive: true });
    return true;
  }

  #openStore(): SqsStore {
    this.#store ??= SqsStore.open(this.context.stateDir, this.#options.compactionMinRecords);
    return this.#store;
  }

  #persist(record: SqsJournalRecord): void {
    const store = this.#openStore();
    store.append(record);
    this.#appends += 1;
    if (this.#appends % store.checkInterval !== 0 || this.#compactionScheduled) return;
    let live = 0;
    for (const queue of this.#queues.values()) live += queue.messageCount;
    if (!store.shouldCompact(live)) return;
    // Never mid-operation: a record may be journaled before the queue applied it.
    this.#compactionScheduled = true;
    setImmediate(() => {
      this.#compactionScheduled = false;
      this.#compact();
    });
  }

  #compact(): void {
    if (this.#closed) return;
    const records = snapshotRecords(this.#queues.values());
    this.#openStore().compact(records);
  }
}

/** An SQS service factory with non-default options (the lead wires {@link sqsService}). */
export function createSqsService(options: SqsServiceOptions = {}): ServiceFactory {
  return { name: 'sqs', create: (context) => new SqsService(context, options) };
}

/** The SQS service as the environment creates it; `env.service<SqsService>('sqs')` finds it. */
export const sqsService: ServiceFactory = createSqsService();
