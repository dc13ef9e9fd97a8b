/** A seeded source of randomness, so a simulation can be repeated. */
export interface Random {
  /** A number in [0, 1). */
  next(): number;
  /** A number in [min, max). */
  between(min: number, max: number): number;
  /** An integer in [0, count). */
  index(count: number): number;
  /** True with the given probability. */
  chance(probability: number): boolean;
  /** A normally distributed number (mean 0, standard deviation 1). */
  gaussian(): number;
}

/**
 * Mulberry32: small, fast and good enough for a simulation (not for secrets).
 * @example
 * const random = seededRandom(42);
 * random.between(20, 50); // the same sequence for the same seed
 */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    between: (min, max) => min + (max - min) * next(),
    index: (count) => Math.floor(next() * count),
    chance: (probability) => next() < probability,
    gaussian: () => {
      const u = Math.max(next(), Number.EPSILON);
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
    },
  };
}
