import type { NearestVehicles, Point } from '../domain/index.js';

/** A ranking asked for in a rehearsal: the candidates ranked, by pickup point. */
type Rankings = Map<string, { readonly candidates: ReadonlySet<string>; readonly ranked: readonly string[] }>;

const pointKey = (point: Point): string => `${point.lat},${point.lon}`;

/** The locked decision needed a ranking the rehearsal did not ask for (the state moved in between). */
export class RehearsalMissError extends Error {
  constructor() {
    super('the decision needed a ranking its rehearsal did not ask for');
    this.name = 'RehearsalMissError';
  }
}

/**
 * Rankings gathered before a decision's transaction, so the transaction never waits on another
 * service. `recording` wraps the live `nearest` for a rehearsal of the decision on unlocked state;
 * `replaying` serves the locked decision from what was recorded — any subset of a recorded
 * candidate set keeps its order, since each vehicle's distance does not depend on the others — and
 * throws {@link RehearsalMissError} for a ranking it does not have.
 * @example
 * const rankings = new RehearsedRankings(deps.nearest);
 * await decide(unlockedState, input, { now, nearest: rankings.recording });
 * await decide(lockedState, input, { now, nearest: rankings.replaying });
 */
export class RehearsedRankings {
  readonly #live: NearestVehicles;
  readonly #rankings: Rankings = new Map();

  constructor(live: NearestVehicles) {
    this.#live = live;
  }

  readonly recording: NearestVehicles = async (point, candidates) => {
    const ranked = await this.#live(point, candidates);
    this.#rankings.set(pointKey(point), { candidates: new Set(candidates), ranked: [...ranked] });
    return ranked;
  };

  readonly replaying: NearestVehicles = (point, candidates) => {
    const recorded = this.#rankings.get(pointKey(point));
    if (!recorded || candidates.some((id) => !recorded.candidates.has(id))) throw new RehearsalMissError();
    const wanted = new Set(candidates);
    return recorded.ranked.filter((id) => wanted.has(id));
  };
}
