import { envelopeJson, type LoggedEvent } from './bus-event.js';
import { DeliveryFailure } from './errors.js';
import type { ListenerTarget } from './listener-target.js';
import type { DeliveryTransport } from './ports.js';
import { type AttemptResult, type DeliveryOutcome, outcomeOf, type RetryPolicy } from './retry-policy.js';

/** One delivery to attempt. */
export interface DeliveryAttempt {
  readonly deliveryId: number;
  readonly listenerId: number;
  readonly attempts: number;
  readonly target: ListenerTarget;
  readonly event: LoggedEvent;
}

/** The outcome of one attempt, with what the log line needs. */
export interface AttemptReport {
  readonly attempt: DeliveryAttempt;
  readonly outcome: DeliveryOutcome;
}

/**
 * Hands each delivery to its listener at once (all in parallel) and returns every outcome; a
 * failure is caught and becomes a retry or a dead letter, never an exception, so one broken
 * listener cannot hold up the others.
 * @example
 * const reports = await fanOut(attempts, transport, policy, new Date());
 */
export async function fanOut(
  attempts: readonly DeliveryAttempt[],
  transport: DeliveryTransport,
  policy: RetryPolicy,
  now: () => Date = () => new Date(),
): Promise<AttemptReport[]> {
  const envelopes = new Map<string, string>();
  const envelopeOf = (event: LoggedEvent): string => {
    let envelope = envelopes.get(event.id);
    if (envelope === undefined) {
      envelope = envelopeJson(event);
      envelopes.set(event.id, envelope);
    }
    return envelope;
  };
  return Promise.all(
    attempts.map(async (attempt) => {
      const result = await attemptOne(transport, attempt.target, envelopeOf(attempt.event));
      return { attempt, outcome: outcomeOf(attempt.deliveryId, attempt.attempts, result, policy, now()) };
    }),
  );
}

async function attemptOne(
  transport: DeliveryTransport,
  target: ListenerTarget,
  envelope: string,
): Promise<AttemptResult> {
  try {
    await transport.deliver(target, envelope);
    return { ok: true };
  } catch (error) {
    if (error instanceof DeliveryFailure)
      return { ok: false, error: error.message, permanent: error.permanent };
    return {
      ok: false,
      error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      permanent: false,
    };
  }
}
