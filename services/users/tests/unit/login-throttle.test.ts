import { describe, expect, it } from 'vitest';
import {
  afterStrike,
  assessAttempt,
  LOGIN_THROTTLE,
  strictest,
  type ThrottleState,
  throttleKey,
} from '../../src/domain/login-throttle.js';

const rule = LOGIN_THROTTLE.account;
const at = (seconds: number) => new Date(Date.UTC(2026, 0, 1, 8, 0, seconds));
const state = (strikes: number, lastStrikeSecond: number, lockedUntilSecond?: number): ThrottleState => ({
  strikes,
  lastStrikeAt: at(lastStrikeSecond),
  lockedUntil: lockedUntilSecond === undefined ? null : at(lockedUntilSecond),
});

describe('login throttle', () => {
  it.each([
    ['a key never struck', undefined, 0, { kind: 'allow' }],
    ['two strikes (free)', state(2, 0), 0, { kind: 'allow' }],
    ['three strikes, at once', state(3, 0), 0, { kind: 'slow-down', retryAfterSeconds: 1 }],
    ['three strikes, a second later', state(3, 0), 1, { kind: 'allow' }],
    ['five strikes, 3 s later', state(5, 0), 3, { kind: 'slow-down', retryAfterSeconds: 1 }],
    ['five strikes, 4 s later', state(5, 0), 4, { kind: 'allow' }],
    [
      'nine strikes: the wait is capped at 60 s',
      state(9, 0),
      59,
      { kind: 'slow-down', retryAfterSeconds: 1 },
    ],
    ['locked for 15 minutes', state(10, 0, 900), 300, { kind: 'locked', retryAfterSeconds: 600 }],
    ['a lock that has run out', state(10, 0, 900), 900, { kind: 'allow' }],
    ['strikes older than 15 minutes', state(9, 0), 901, { kind: 'allow' }],
  ] as const)('decides on %s', (_case, current, second, verdict) => {
    // Act & Assess
    expect(assessAttempt(current, rule, at(second))).toEqual(verdict);
  });

  it('locks a key at its tenth strike, for 15 minutes', () => {
    // Prepare
    let current: ThrottleState | undefined;

    // Act
    for (let second = 0; second < 10; second++) current = afterStrike(current, rule, at(second));

    // Assess
    expect(current).toEqual({ strikes: 10, lastStrikeAt: at(9), lockedUntil: at(909) });
  });

  it('starts counting again after a lock ran out', () => {
    // Act
    const next = afterStrike(state(10, 0, 900), rule, at(1000));

    // Assess
    expect(next.strikes).toBe(1);
  });

  it('gives a source much more room than an account', () => {
    // Act & Assess
    expect(assessAttempt(state(29, 0), LOGIN_THROTTLE.source, at(0))).toEqual({ kind: 'allow' });
    expect(assessAttempt(state(30, 0), LOGIN_THROTTLE.source, at(0)).kind).toBe('slow-down');
  });

  it('picks the strictest verdict: a lock over a slow-down, then the longer wait', () => {
    // Act & Assess
    expect(
      strictest([
        { kind: 'slow-down', retryAfterSeconds: 30 },
        { kind: 'locked', retryAfterSeconds: 5 },
        { kind: 'allow' },
      ]),
    ).toEqual({ kind: 'locked', retryAfterSeconds: 5 });
    expect(
      strictest([
        { kind: 'slow-down', retryAfterSeconds: 2 },
        { kind: 'slow-down', retryAfterSeconds: 8 },
      ]),
    ).toEqual({ kind: 'slow-down', retryAfterSeconds: 8 });
    expect(strictest([{ kind: 'allow' }, { kind: 'allow' }])).toEqual({ kind: 'allow' });
  });

  it('keys accounts and sources by a hash, never by the address itself', () => {
    // Act
    const account = throttleKey('account', 'acme', 'ada@acme.example');

    // Assess
    expect(account).not.toContain('ada');
    expect(account).not.toBe(throttleKey('source', 'acme', 'ada@acme.example'));
    expect(account).toBe(throttleKey('account', 'acme', 'ada@acme.example'));
  });
});
