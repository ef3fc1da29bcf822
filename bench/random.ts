/** The seeded pseudo-random generator of the benchmarks' test data: the same seed, the same data. */

/** mulberry32: small, fast and good enough for test data. */
export function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    int: (minInclusive: number, maxInclusive: number) =>
      minInclusive + Math.floor(next() * (maxInclusive - minInclusive + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (probability: number) => next() < probability,
    /** `count` distinct items (fewer if there are not enough). */
    sample<T>(items: readonly T[], count: number): T[] {
      const pool = [...items];
      const result: T[] = [];
      while (result.length < count && pool.length > 0)
        result.push(pool.splice(Math.floor(next() * pool.length), 1)[0]!);
      return result;
    },
    /** A key drawn with the probabilities its weight gives it. */
    weighted: <T extends string>(weights: Readonly<Record<T, number>>): T => {
      const entries = Object.entries(weights) as [T, number][];
      const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
      let roll = next() * total;
      for (const [key, weight] of entries) {
        roll -= weight;
        if (roll < 0) return key;
      }
      return entries[entries.length - 1]![0];
    },
  };
}
export type Random = ReturnType<typeof createRandom>;
