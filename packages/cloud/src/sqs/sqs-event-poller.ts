import type { LambdaService } from '../lambda/lambda-service.js';
import { batchOutcome } from './batch-item-failures.js';
import { sqsEvent } from './lambda-sqs-event.js';
import type { ReceivedMessage } from './sqs-message.js';
import type { SqsQueue } from './sqs-queue.js';

/** Concurrent batches per mapping when ScalingConfig sets none: Lambda's initial five pollers. */
export const DEFAULT_MAXIMUM_CONCURRENCY = 5;

/** An `AWS::Lambda::EventSourceMapping` reading a queue, as the provider resolved it. */
export interface EventSourceMappingConfig {
  readonly uuid: string;
  readonly arn: string;
  readonly eventSourceArn: string;
  /** Name or ARN, as the template gave it. */
  readonly functionName: string;
  readonly batchSize: number;
  readonly maximumBatchingWindowSeconds: number;
  readonly reportBatchItemFailures: boolean;
  /** ScalingConfig.MaximumConcurrency. */
  readonly maximumConcurrency?: number;
  readonly enabled: boolean;
}

/** What a poller needs: the queue by ARN (it may be recreated) and the Lambda service. */
export interface PollerDependencies {
  queue(arn: string): SqsQueue | undefined;
  readonly lambda: Pick<LambdaService, 'invoke' | 'getFunction'>;
  readonly region: string;
}

/**
 * The poller of one event source mapping. It never sleeps on a timer: the queue wakes it when
 * messages become visible (a send, a visibility timeout running out), it receives a batch and
 * invokes the function synchronously, up to the mapping's concurrency. Success deletes the batch;
 * a function error or throttle leaves it to reappear after the visibility timeout (and, past
 * `maxReceiveCount`, to move to the dead-letter queue); `ReportBatchItemFailures` deletes all but
 * the reported messages.
 */
export class SqsEventPoller {
  readonly config: EventSourceMappingConfig;
  readonly #deps: PollerDependencies;
  readonly #inFlight = new Set<Promise<void>>();
  #queue: SqsQueue | undefined;
  #unsubscribe: (() => void) | undefined;
  #windowTimer: NodeJS.Timeout | undefined;
  #windowEndsAt: number | undefined;
  #running = false;

  constructor(config: EventSourceMappingConfig, deps: PollerDependencies) {
    this.config = config;
    this.#deps = deps;
  }

  start(): void {
    if (this.#running || !this.config.enabled) return;
    this.#running = true;
    this.#pump();
  }

  /** The source queue was created again (same ARN, new object): listen to the new one. */
  queueChanged(): void {
    if (this.#running) this.#pump();
  }

  /** Stops receiving and waits for the batches being processed. */
  async stop(): Promise<void> {
    this.#running = false;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#queue = undefined;
    clearTimeout(this.#windowTimer);
    await Promise.allSettled([...this.#inFlight]);
  }

  /** Concurrent batches allowed: ScalingConfig, else Lambda's five, never above reserved concurrency. */
  get concurrency(): number {
    const reserved = this.#deps.lambda.getFunction(this.config.functionName)?.reservedConcurrency;
    const limit = this.config.maximumConcurrency ?? DEFAULT_MAXIMUM_CONCURRENCY;
    return Math.max(1, reserved === undefined ? limit : Math.min(limit, reserved));
  }

  #attach(): SqsQueue | undefined {
    const queue = this.#deps.queue(this.config.eventSourceArn);
    if (queue !== this.#queue) {
      this.#unsubscribe?.();
      this.#queue = queue;
      this.#unsubscribe = queue?.subscribe(() => this.#pump());
    }
    return queue;
  }

  #pump(): void {
    if (!this.#running) return;
    const queue = this.#attach();
    if (!queue || queue.closed) return;
    const limit = this.concurrency;
    while (this.#inFlight.size < limit) {
      if (!this.#windowElapsed(queue)) return;
      const batch = queue.receive(this.config.batchSize);
      if (batch.length === 0) return;
      const run = this.#process(queue, batch);
      this.#inFlight.add(run);
      void run.finally(() => {
        this.#inFlight.delete(run);
        this.#pump();
      });
    }
  }

  /**
   * With a batching window, Lambda waits until a full batch is visible or the window has passed
   * since the first message showed up; without one, any visible message makes a batch.
   */
  #windowElapsed(queue: SqsQueue): boolean {
    const windowMs = this.config.maximumBatchingWindowSeconds * 1000;
    if (windowMs <= 0) return true;
    const visible = queue.visibleCount;
    if (visible === 0) {
      this.#clearWindow();
      return false;
    }
    if (visible >= this.config.batchSize) {
      this.#clearWindow();
      return true;
    }
    const now = Date.now();
    if (this.#windowEndsAt === undefined) {
      this.#windowEndsAt = now + windowMs;
      this.#windowTimer = setTimeout(() => {
        this.#windowTimer = undefined;
        this.#pump();
      }, windowMs);
      this.#windowTimer.unref();
      return false;
    }
    if (now < this.#windowEndsAt) return false;
    this.#clearWindow();
    return true;
  }

  #clearWindow(): void {
    clearTimeout(this.#windowTimer);
    this.#windowTimer = undefined;
    this.#windowEndsAt = undefined;
  }

  async #process(queue: SqsQueue, batch: ReceivedMessage[]): Promise<void> {
    const event = sqsEvent(batch, queue.arn, this.#deps.region);
    let failed: ReadonlySet<string> | 'all';
    try {
      const result = await this.#deps.lambda.invoke(
        this.config.functionName,
        Buffer.from(JSON.stringify(event)),
      );
      failed = result.functionError
        ? 'all'
        : batchOutcome(result.payload, batch, this.config.reportBatchItemFailures);
    } catch {
      // Throttled, or the function is gone: the batch comes back after the visibility timeout, as on AWS.
      failed = 'all';
    }
    if (failed === 'all' || queue.closed) return;
    const handles = batch
      .filter((received) => !failed.has(received.message.id))
      .map((received) => received.receiptHandle);
    if (handles.length > 0) queue.delete(handles);
  }
}
