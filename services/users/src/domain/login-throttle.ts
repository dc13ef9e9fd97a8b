import { createHash } from 'node:crypto';

/** How one kind of key (an account, a source address) is throttled. */
export interface ThrottleRule {
  /** Strikes allowed before attempts must be spaced out. */
  readonly freeStrikes: number;
  /** At this many strikes the key is locked for `lockSeconds`. */
  readonly lockAfterStrikes: number;
  readonly lockSeconds: number;
  /** The wait after a strike doubles from 1 s up to this. */
  readonly maxSpacingSeconds: number;
  /** Strikes older than this are forgotten. */
  readonly forgetAfterSeconds: number;
}

/**
 * The login throttle. An account may fail 3 times freely; after that each attempt must wait 1, 2,
 * 4 … s after the previous one, an attempt that does not wait is refused and counts as a strike
 * too (a script hammering the account locks it quickly, a person retrying slowly does not), and
 * at 10 strikes the account is locked for 15 minutes. A source address gets the same treatment
 * with more room (people behind one NAT share it). Refusing early attempts, rather than sleeping
 * before answering, keeps an attacker from tying up the account's Lambda concurrency.
 */
export const LOGIN_THROTTLE = {
  account: {
    freeStrikes: 3,
    lockAfterStrikes: 10,
    lockSeconds: 900,
    maxSpacingSeconds: 60,
    forgetAfterSeconds: 900,
  },
  source: {
    freeStrikes: 30,
    lockAfterStrikes: 100,
    lockSeconds: 900,
    maxSpacingSeconds: 30,
    forgetAfterSeconds: 900,
  },
} as const satisfies Record<string, ThrottleRule>;

/** What is recorded for one key. */
export interface ThrottleState {
  readonly strikes: number;
  readonly lastStrikeAt: Date;
  readonly lockedUntil: Date | null;
}

/** Whether an attempt may be checked now. */
export type ThrottleVerdict =
  | { readonly kind: 'allow' }
  | { readonly kind: 'slow-down'; readonly retryAfterSeconds: number }
  | { readonly kind: 'locked'; readonly retryAfterSeconds: number };

/**
 * Decides whether an attempt on a key may go ahead at `now`.
 * @example
 * const verdict = assessAttempt(state, LOGIN_THROTTLE.account, new Date());
 */
export function assessAttempt(
  state: ThrottleState | undefined,
  rule: ThrottleRule,
  now: Date,
): ThrottleVerdict {
  if (!state) return { kind: 'allow' };
  if (state.lockedUntil && state.lockedUntil > now)
    return { kind: 'locked', retryAfterSeconds: secondsUntil(state.lockedUntil, now) };
  const strikes = liveStrikes(state, rule, now);
  if (strikes < rule.freeStrikes) return { kind: 'allow' };
  const spacing = Math.min(2 ** (strikes - rule.freeStrikes), rule.maxSpacingSeconds);
  const next = new Date(state.lastStrikeAt.getTime() + spacing * 1000);
  return next > now ? { kind: 'slow-down', retryAfterSeconds: secondsUntil(next, now) } : { kind: 'allow' };
}

/**
 * The state of a key after one more strike (a failed attempt, or one refused for not waiting).
 * @example
 * await store.strike(key, (current) => afterStrike(current, LOGIN_THROTTLE.account, now));
 */
export function afterStrike(state: ThrottleState | undefined, rule: ThrottleRule, now: Date): ThrottleState {
  const strikes = (state ? liveStrikes(state, rule, now) : 0) + 1;
  return {
    strikes,
    lastStrikeAt: now,
    lockedUntil:
      strikes >= rule.lockAfterStrikes
        ? new Date(now.getTime() + rule.lockSeconds * 1000)
        : (state?.lockedUntil ?? null),
  };
}

/**
 * The stricter of several verdicts (a lock before a slow-down, then the longer wait).
 * @example
 * const verdict = strictest([accountVerdict, sourceVerdict]);
 */
export function strictest(verdicts: readonly ThrottleVerdict[]): ThrottleVerdict {
  const rank = { allow: 0, 'slow-down': 1, locked: 2 } as const;
  return verdicts.reduce(
    (worst, verdict) => {
      if (rank[verdict.kind] !== rank[worst.kind])
        return rank[verdict.kind] > rank[worst.kind] ? verdict : worst;
      if (verdict.kind === 'allow' || worst.kind === 'allow') return worst;
      return verdict.retryAfterSeconds > worst.retryAfterSeconds ? verdict : worst;
    },
    { kind: 'allow' } as ThrottleVerdict,
  );
}

/**
 * The stored key of an account or a source: a hash, so addresses an attacker guessed are not kept.
 * @example
 * throttleKey('account', 'acme', 'ada@acme.example');
 */
export function throttleKey(kind: 'account' | 'source', ...parts: readonly string[]): string {
  return createHash('sha256')
    .update(`${kind}:${parts.join(':')}`)
    .digest('base64url');
}

/** Strikes still counted: none after a lock expired or once the last one is old enough. */
function liveStrikes(state: ThrottleState, rule: ThrottleRule, now: Date): number {
  if (state.lockedUntil && state.lockedUntil <= now) return 0;
  if (now.getTime() - state.lastStrikeAt.getTime() > rule.forgetAfterSeconds * 1000) return 0;
  return state.strikes;
}

function secondsUntil(moment: Date, now: Date): number {
  return Math.max(1, Math.ceil((moment.getTime() - now.getTime()) / 1000));
}
