/** An event SendEvent could not log, as its dead-letter queue holds it. */
export interface UnloggedMessage {
  readonly receiptHandle: string;
  /** The original payload: the event envelope as its publisher sent it. */
  readonly body: string;
  readonly sentAt: number;
}

/** The dead-letter queue and SendEvent, as the redrive uses them. */
export interface UnloggedRedrivePorts {
  receive(): Promise<readonly UnloggedMessage[]>;
  /** SendEvent, synchronously: resolves when the event is logged (or refused), rejects when it failed again. */
  resend(body: string): Promise<void>;
  remove(message: UnloggedMessage): Promise<void>;
  /** Makes a message visible again at once (left for a later run). */
  release(message: UnloggedMessage): Promise<void>;
}

/** What one redrive run did. */
export interface RedriveSummary {
  logged: number;
  failedAgain: number;
  tooYoung: number;
}

/**
 * Gives SendEvent's dead letters — events it could not log through Lambda's retries, the database
 * being down — back to SendEvent, so an event a publisher had accepted is logged once the database
 * is back, without an operator. SendEvent is idempotent by publish key, so an event that was
 * logged after all is not logged twice. A message younger than `minAgeMs` is left alone for now
 * (released at once): the retries that put it there just failed, and an operator may be looking
 * at it. A message that fails again stays in the queue for the next run; the queue's retention
 * (14 days) bounds how long.
 * @example
 * const summary = await redriveUnlogged(ports, { now: Date.now(), minAgeMs: 60_000, timeIsUp });
 */
export async function redriveUnlogged(
  ports: UnloggedRedrivePorts,
  options: { now: number; minAgeMs: number; timeIsUp: () => boolean },
): Promise<RedriveSummary> {
  const summary: RedriveSummary = { logged: 0, failedAgain: 0, tooYoung: 0 };
  const seen = new Set<string>();
  while (!options.timeIsUp()) {
    const messages = (await ports.receive()).filter((message) => !seen.has(message.body));
    if (messages.length === 0) break;
    for (const message of messages) {
      seen.add(message.body);
      if (options.now - message.sentAt < options.minAgeMs) {
        summary.tooYoung += 1;
        await ports.release(message);
        continue;
      }
      try {
        await ports.resend(message.body);
        await ports.remove(message);
        summary.logged += 1;
      } catch {
        summary.failedAgain += 1;
      }
    }
  }
  return summary;
}
