/**
 * Draws from the few distributions the store simulator needs, each driven by a seeded
 * Random so that the same seed gives the same store.
 */
import type { Random } from "../random"

/** Exponential with rate 1: -ln(1 - U). */
export function sampleExponential(random: Random): number {
  return -Math.log(1 - random.next())
}

/**
 * Gamma(shape, scale 1) by Marsaglia & Tsang (2000): with d = shape - 1/3, c = 1/sqrt(9d),
 * z ~ N(0, 1) and v = (1 + cz)^3, accept d*v when ln U < z^2/2 + d - d*v + d*ln v.
 * For shape < 1: Gamma(shape) = Gamma(shape + 1) * U^(1/shape).
 */
export function sampleGamma(shape: number, random: Random): number {
  if (shape < 1) return sampleGamma(shape + 1, random) * Math.pow(1 - random.next(), 1 / shape)
  const d = shape - 1 / 3
  const c = 1 / Math.sqrt(9 * d)
  for (;;) {
    const z = random.normal()
    const v = (1 + c * z) ** 3
    if (v <= 0) continue
    if (Math.log(1 - random.next()) < 0.5 * z * z + d - d * v + d * Math.log(v)) return d * v
  }
}

/** Beta(a, b) = X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b). */
export function sampleBeta(a: number, b: number, random: Random): number {
  const x = sampleGamma(a, random)
  return x / (x + sampleGamma(b, random))
}

/**
 * Poisson(mean) by multiplying uniforms (Knuth): the count of factors before the product
 * falls below e^-mean. Fine for the small means used here (cost grows with the mean).
 */
export function samplePoisson(mean: number, random: Random): number {
  const limit = Math.exp(-mean)
  let count = 0
  let product = random.next()
  while (product > limit) {
    count++
    product *= random.next()
  }
  return count
}

/** Log-normal with the given median: median * e^(sigma * Z), Z ~ N(0, 1). */
export function sampleLogNormal(median: number, sigma: number, random: Random): number {
  return median * Math.exp(sigma * random.normal())
}

/** Running totals of `weights`: the input of pickCumulative. */
export function cumulativeWeights(weights: ArrayLike<number>): Float64Array {
  const totals = new Float64Array(weights.length)
  let sum = 0
  for (let i = 0; i < weights.length; i++) {
    sum += weights[i]
    totals[i] = sum
  }
  return totals
}

/**
 * An index drawn with probability proportional to its weight, given the running totals
 * of the weights: the first i with totals[i] > U * total.
 */
export function pickCumulative(totals: Float64Array, random: Random): number {
  return firstIndexAbove(totals, random.next() * totals[totals.length - 1])
}

/** The first index whose running total exceeds `target` (binary search; the last index if none does). */
export function firstIndexAbove(totals: Float64Array, target: number): number {
  let low = 0
  let high = totals.length - 1
  while (low < high) {
    const middle = (low + high) >>> 1
    if (totals[middle] > target) high = middle
    else low = middle + 1
  }
  return low
}
