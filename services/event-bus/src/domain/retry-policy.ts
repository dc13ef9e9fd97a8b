/** How often and how long the bus retries a delivery before it becomes a dead letter. */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  readonly maxAttempts: number;
  /** The wait after the first failure; it doubles with each further failure. */
  readonly baseSeconds: number;
  /** The longest wait between two attempts. */
  readonly maxSeconds: number;
}

/** What one attempt at a delivery came to. */
export type AttemptResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly error: string; readonly permanent: boolean };

/** The state a delivery is left in after an attempt. */
export interface DeliveryOutcome {
  readonly deliveryId: number;
  readonly status: 'delivered' | 'failed' | 'dead';
  /** Attempts made so far, this one included. */
  readonly attempts: number;
  readonly nextAttemptAt: Date | null;
  readonly error: string | null;
}

/**
 * The outcome of an attempt: delivered; or failed, retried after an exponential backoff with
 * jitter (half the wait fixed, half random, so retries of one outage do not arrive together); or
 * dead, once the budget is spent or the failure is permanent.
 * @example
 * const outcome = outcomeOf(7, 0, { ok: false, error: 'throttled', permanent: false }, policy, new Date());
 */
export function outcomeOf(
  deliveryId: number,
  attemptsBefore: number,
  result: AttemptResult,
  policy: RetryPolicy,
  now: Date,
  random: () => number = Math.random,
): DeliveryOutcome {
  const attempts = attemptsBefore + 1;
  if (result.ok) return { deliveryId, status: 'delivered', attempts, nextAttemptAt: null, error: null };
  if (result.permanent || attempts >= policy.maxAttempts) {
    return { deliveryId, status: 'dead', attempts, nextAttemptAt: null, error: result.error };
  }
  const wait = Math.min(policy.maxSeconds, policy.baseSeconds * 2 ** (attempts - 1));
  const seconds = wait / 2 + (wait / 2) * random();
  return {
    deliveryId,
    status: 'failed',
    attempts,
    nextAttemptAt: new Date(now.getTime() + seconds * 1000),
    error: result.error,
  };
}
