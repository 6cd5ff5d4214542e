import { InvalidInputError } from "../errors"
import { lnGamma } from "./special-functions"

// A module-level reference: hot loops then skip the global lookup of Math.
const log = Math.log

/** What the Gamma-Gamma model needs of a customer. */
export interface SpendHistory {
  /** Repeat purchases. */
  x: number
  /** Mean value of the repeat purchases (0 or anything when x = 0). */
  monetary: number
}

/**
 * Gamma-Gamma parameters: a transaction's value ~ Gamma(p, ν) with the customer's
 * scale ν ~ Gamma(q, γ) across customers.
 */
export interface GammaGammaParams {
  p: number
  q: number
  gamma: number
}

export function validateGammaGammaParams(params: GammaGammaParams): void {
  for (const key of ["p", "q", "gamma"] as const) {
    if (!Number.isFinite(params[key]) || params[key] <= 0) {
      throw new InvalidInputError(`Gamma-Gamma parameter ${key} must be a finite number > 0, got ${params[key]}`, key)
    }
  }
}

/** Customers that carry information about spend: x > 0 and monetary > 0. */
export interface SpendData {
  x: Float64Array
  monetary: Float64Array
  customers: number
}

/** Keeps the customers with x > 0 and monetary > 0 (the model is defined for positive spend only). */
export function selectSpendData(histories: readonly SpendHistory[]): SpendData {
  const x: number[] = []
  const monetary: number[] = []
  histories.forEach((h, i) => {
    if (!Number.isInteger(h.x) || h.x < 0) {
      throw new InvalidInputError(`histories[${i}].x must be an integer >= 0, got ${h.x}`, "x")
    }
    if (!Number.isFinite(h.monetary)) {
      throw new InvalidInputError(`histories[${i}].monetary must be a finite number, got ${h.monetary}`, "monetary")
    }
    if (h.x === 0 || h.monetary <= 0) return
    x.push(h.x)
    monetary.push(h.monetary)
  })
  return { x: Float64Array.from(x), monetary: Float64Array.from(monetary), customers: x.length }
}

/**
 * Gamma-Gamma log-likelihood summed over customers with x > 0 (Fader & Hardie, "The
 * Gamma-Gamma model of monetary value", 2013), m = mean repeat purchase value:
 *
 *   f(m | p, q, γ; x) = Γ(px+q) / (Γ(px) Γ(q)) · γ^q m^(px-1) x^(px) / (γ + m x)^(px+q)
 *
 *   ln f = ln Γ(px+q) - ln Γ(px) - ln Γ(q) + q ln γ + (px-1) ln m + px ln x - (px+q) ln(γ + m x)
 */
export function gammaGammaLogLikelihood(params: GammaGammaParams, histories: readonly SpendHistory[]): number {
  validateGammaGammaParams(params)
  return spendLogLikelihood(selectSpendData(histories))(params)
}

/** The same log-likelihood as a function of the parameters for fixed data. */
export function spendLogLikelihood(data: SpendData): (params: GammaGammaParams) => number {
  const lnM = data.monetary.map(log)
  const lnX = data.x.map(log)
  return ({ p, q, gamma }: GammaGammaParams): number => {
    const lnGammaQ = lnGamma(q)
    const lnScale = log(gamma)
    let total = 0
    for (let i = 0; i < data.customers; i++) {
      const px = p * data.x[i]
      total +=
        lnGamma(px + q) -
        lnGamma(px) -
        lnGammaQ +
        q * lnScale +
        (px - 1) * lnM[i] +
        px * lnX[i] -
        (px + q) * log(gamma + data.monetary[i] * data.x[i])
    }
    return total
  }
}
