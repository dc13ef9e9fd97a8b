import { describe, expect, it } from 'vitest';
import { outcomeOf, type RetryPolicy } from '../../src/domain/retry-policy.js';

const policy: RetryPolicy = { maxAttempts: 4, baseSeconds: 60, maxSeconds: 150 };
const now = new Date('2026-11-28T10:00:00.000Z');
const failure = { ok: false as const, error: 'ResourceNotFoundException: gone', permanent: false };

describe('the retry policy', () => {
  it('marks a successful attempt delivered', () => {
    // Act
    const outcome = outcomeOf(1, 0, { ok: true }, policy, now);

    // Assess
    expect(outcome).toEqual({
      deliveryId: 1,
      status: 'delivered',
      attempts: 1,
      nextAttemptAt: null,
      error: null,
    });
  });

  it.each([
    [0, 30, 60],
    [1, 60, 120],
    [2, 75, 150],
  ])(
    'after %i earlier attempts waits between %i and %i seconds (doubling, capped, jittered)',
    (before, low, high) => {
      // Act
      const soonest = outcomeOf(1, before, failure, policy, now, () => 0);
      const latest = outcomeOf(1, before, failure, policy, now, () => 1);

      // Assess
      expect(soonest).toMatchObject({ status: 'failed', attempts: before + 1, error: failure.error });
      expect(soonest.nextAttemptAt?.getTime()).toBe(now.getTime() + low * 1000);
      expect(latest.nextAttemptAt?.getTime()).toBe(now.getTime() + high * 1000);
    },
  );

  it('makes a dead letter of the attempt that spends the budget', () => {
    // Act
    const outcome = outcomeOf(1, 3, failure, policy, now);

    // Assess
    expect(outcome).toEqual({
      deliveryId: 1,
      status: 'dead',
      attempts: 4,
      nextAttemptAt: null,
      error: failure.error,
    });
  });

  it('makes a dead letter of a permanent failure at once', () => {
    // Act
    const outcome = outcomeOf(1, 0, { ...failure, permanent: true }, policy, now);

    // Assess
    expect(outcome.status).toBe('dead');
  });
});
