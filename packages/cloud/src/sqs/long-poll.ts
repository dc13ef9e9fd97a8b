import type { ReceivedMessage } from './sqs-message.js';
import type { SqsQueue } from './sqs-queue.js';

/**
 * ReceiveMessage with long polling: answers at once when messages are visible, else waits up to
 * `waitSeconds` and answers as soon as the queue says messages arrived (never on a sleep loop).
 * A queue deleted or closed meanwhile answers empty.
 */
export function longPoll(
  queue: SqsQueue,
  max: number,
  visibilitySeconds: number | undefined,
  waitSeconds: number,
): Promise<ReceivedMessage[]> {
  const received = queue.receive(max, visibilitySeconds);
  if (received.length > 0 || waitSeconds <= 0 || queue.closed) return Promise.resolve(received);
  return new Promise((resolve) => {
    let done = false;
    const finish = (messages: ReceivedMessage[]): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      unsubscribe();
      resolve(messages);
    };
    const unsubscribe = queue.subscribe(() => {
      if (queue.closed) return finish([]);
      const messages = queue.receive(max, visibilitySeconds);
      if (messages.length > 0) finish(messages);
    });
    const timer = setTimeout(() => finish([]), waitSeconds * 1000);
  });
}
