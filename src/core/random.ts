/**
 * Seeded pseudo-random numbers for everything in the core that draws at random
 * (tuning, shuffles, network initialisation). The same seed always gives the same
 * sequence, so the same data and seed give the same models.
 */
export interface Random {
  /** A float in [0, 1). */
  next(): number
  /** An integer in [0, n). */
  int(n: number): number
  /** A draw from the standard normal distribution (Box-Muller). */
  normal(): number
  /** A new generator whose sequence depends only on this one's current state. */
  fork(): Random
}

/** mulberry32: small, fast, good enough for sampling (not for cryptography). */
export function createRandom(seed: number): Random {
  let state = seed >>> 0
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (n) => Math.floor(next() * n),
    normal: () => {
      const u = Math.max(next(), Number.EPSILON)
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next())
    },
    fork: () => createRandom(Math.floor(next() * 4294967296)),
  }
}

/** Fisher-Yates shuffle of a copy, driven by `random`. */
export function shuffled<T>(items: readonly T[], random: Random): T[] {
  const out = items.slice()
  for (let i = out.length - 1; i > 0; i--) {
    const j = random.int(i + 1)
    const tmp = out[i]
    out[i] = out[j]
    out[j] = tmp
  }
  return out
}
