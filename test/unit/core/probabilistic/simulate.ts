import type { Random } from "../../../../src/core/random"
import { sampleBeta, sampleGamma } from "../../../../src/core/simulate/distributions"
import type { BgNbdParams } from "../../../../src/core/probabilistic/bgnbd"
import type { GammaGammaParams, SpendHistory } from "../../../../src/core/probabilistic/gamma-gamma"
import type { RepeatPurchaseHistory } from "../../../../src/core/probabilistic/rfm"

/**
 * Customers drawn from the BG/NBD story: a first purchase at time 0, then purchases
 * at rate λ ~ Gamma(r, rate α) until the calibration end T, dropping out after each
 * repeat purchase with probability p ~ Beta(a, b). T is spread uniformly over
 * [minT, maxT] (customers acquired at different times).
 */
export function simulateBgNbd(
  params: BgNbdParams,
  customers: number,
  window: { minT: number; maxT: number },
  random: Random
): RepeatPurchaseHistory[] {
  const out: RepeatPurchaseHistory[] = []
  for (let i = 0; i < customers; i++) {
    const T = window.minT + (window.maxT - window.minT) * random.next()
    const lambda = sampleGamma(params.r, random) / params.alpha
    const p = sampleBeta(params.a, params.b, random)
    let x = 0
    let tx = 0
    let time = 0
    for (;;) {
      time += -Math.log(1 - random.next()) / lambda
      if (time > T) break
      x++
      tx = time
      if (random.next() < p) break
    }
    out.push({ x, tx, T })
  }
  return out
}

/**
 * Spend drawn from the Gamma-Gamma story: each customer's scale ν ~ Gamma(q, rate γ),
 * each of x transactions ~ Gamma(p, rate ν); returns x and the mean of the x values.
 */
export function simulateGammaGamma(
  params: GammaGammaParams,
  frequencies: readonly number[],
  random: Random
): SpendHistory[] {
  return frequencies.map((x) => {
    const nu = sampleGamma(params.q, random) / params.gamma
    let total = 0
    for (let k = 0; k < x; k++) total += sampleGamma(params.p, random) / nu
    return { x, monetary: x > 0 ? total / x : 0 }
  })
}
