/**
 * The event bus benchmark's receipts: each bench listener's handler posts, at its start, the event's
 * number, its own time and the bus's time on a BroadcastChannel, which spans the worker threads the
 * functions run in. Latency runs from just before a publish to that receipt.
 */
import { CHANNEL } from './event-bus-project.mjs';

/**
 * What the listeners reported, by `listener:n`: when each first received it, and the bus's time.
 * `waitFor` is told by each receipt rather than polling: the local cloud runs in this process, and
 * re-checking thousands of receipts every few milliseconds took main-thread time from it.
 */
export function listenForReceipts() {
  const channel = new BroadcastChannel(CHANNEL);
  const receivedAt = new Map();
  const loggedAt = new Map();
  const waiters = new Set();
  channel.onmessage = ({ data }) => {
    const key = `${data.listener}:${data.n}`;
    if (receivedAt.has(key)) return;
    receivedAt.set(key, data.at);
    loggedAt.set(key, data.logged);
    for (const waiter of waiters) if (waiter.missing.delete(key) && waiter.missing.size === 0) waiter.done();
  };
  /** Resolves once every key has a receipt; rejects after `timeoutMs`. */
  const waitFor = (keys, timeoutMs, what) => {
    const missing = new Set(keys.filter((key) => !receivedAt.has(key)));
    if (missing.size === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiter = {
        missing,
        done: () => {
          waiters.delete(waiter);
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        waiters.delete(waiter);
        reject(new Error(`timed out waiting for ${what} (${missing.size} of ${keys.length} missing)`));
      }, timeoutMs);
      waiters.add(waiter);
    });
  };
  return { receivedAt, loggedAt, waitFor, close: () => channel.close() };
}
