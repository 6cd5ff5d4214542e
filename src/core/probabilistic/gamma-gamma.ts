import { InvalidInputError, NotEnoughDataError } from "../errors"
import type { SerializedEstimator } from "../learners/types"
import { minimizeNelderMead, resolveNelderMeadOptions } from "../optimize/nelder-mead"
import {
  selectSpendData,
  spendLogLikelihood,
  validateGammaGammaParams,
  type GammaGammaParams,
  type SpendHistory,
} from "./gamma-gamma-likelihood"
import { readBoolean, readEnvelope, readNumber, readPositive } from "./serialized"

export { gammaGammaLogLikelihood, type GammaGammaParams, type SpendHistory } from "./gamma-gamma-likelihood"

/** Options of {@link fitGammaGamma}. */
export interface GammaGammaFitOptions {
  /**
   * Weight of an L2 penalty on the parameters: the fit minimises
   * -LL / customers + penalizer · (p² + q² + γ²), as the `lifetimes` package does.
   * @defaultValue 0
   */
  penalizer?: number
  /**
   * Optimiser iterations allowed.
   * @defaultValue 5000
   */
  maxIterations?: number
  /**
   * Optimiser tolerance on the relative spread of objective values.
   * @defaultValue 1e-10
   */
  tolerance?: number
}

const FIT_DEFAULTS = {
  penalizer: 0, // plain maximum likelihood, as in the papers
  maxIterations: 5000, // the CDNOW fit converges in well under 1000
  tolerance: 1e-10, // enough for 5 significant digits of every parameter
}

const TYPE = "gamma-gamma"
const VERSION = 1
const MIN_CUSTOMERS = 3

/**
 * Fits the Gamma-Gamma spend model by maximum likelihood on the customers with x > 0
 * and monetary > 0 (the others carry no information on spend and are left out).
 * Optimised in logs as (ln p, ln(q - 1), ln γ): q is kept above 1 so that the mean
 * spend γp/(q-1) exists, which the value predictions need; where the likelihood
 * peaks at q <= 1 (very heavy-tailed spend) the fit ends near q = 1. Starts at p = 1,
 * q = 2, γ = mean of monetary (a population mean equal to the observed one).
 */
export function fitGammaGamma(histories: readonly SpendHistory[], options: GammaGammaFitOptions = {}): GammaGammaModel {
  const o = { ...FIT_DEFAULTS, ...options }
  if (!Number.isFinite(o.penalizer) || o.penalizer < 0) {
    throw new InvalidInputError(`penalizer must be a finite number >= 0, got ${o.penalizer}`, "penalizer")
  }
  const optimizerOptions = resolveNelderMeadOptions({ maxIterations: o.maxIterations, tolerance: o.tolerance })
  const data = selectSpendData(histories)
  if (data.customers < MIN_CUSTOMERS) {
    throw new NotEnoughDataError([
      `at least ${MIN_CUSTOMERS} customers with repeat purchases of positive value (got ${data.customers})`,
    ])
  }
  const logLikelihood = spendLogLikelihood(data)
  const fromLog = (theta: Float64Array): GammaGammaParams => ({
    p: Math.exp(theta[0]),
    q: 1 + Math.exp(theta[1]),
    gamma: Math.exp(theta[2]),
  })
  const objective = (theta: Float64Array): number => {
    const params = fromLog(theta)
    const penalty = o.penalizer * (params.p ** 2 + params.q ** 2 + params.gamma ** 2)
    return -logLikelihood(params) / data.customers + penalty
  }
  const meanMonetary = data.monetary.reduce((sum, m) => sum + m, 0) / data.customers
  const result = minimizeNelderMead(objective, [0, 0, Math.log(meanMonetary)], optimizerOptions)
  const params = fromLog(result.x)
  return new GammaGammaModel(params, {
    penalizer: o.penalizer,
    logLikelihood: logLikelihood(params),
    customers: data.customers,
    converged: result.converged,
  })
}

/** How a Gamma-Gamma model was fitted. */
export interface GammaGammaFitInfo {
  penalizer: number
  /** Log-likelihood of the customers used, at the fitted parameters (without penalty). */
  logLikelihood: number
  /** Customers used: those with x > 0 and monetary > 0. */
  customers: number
  converged: boolean
}

/** A fitted Gamma-Gamma spend model (values in the currency of the training data). */
export class GammaGammaModel {
  constructor(readonly params: GammaGammaParams, readonly info: GammaGammaFitInfo) {
    validateGammaGammaParams(params)
  }

  /** Mean value of a transaction across customers: E[M] = γp / (q - 1); Infinity when q <= 1. */
  populationMeanValue(): number {
    const { p, q, gamma } = this.params
    return q > 1 ? (gamma * p) / (q - 1) : Infinity
  }

  /**
   * Expected mean transaction value of a customer with x repeat purchases of mean
   * value `monetary` (Fader, Hardie & Lee 2005, "RFM and CLV"):
   *   E[M | p, q, γ, m, x] = (q-1)/(px+q-1) · γp/(q-1) + px/(px+q-1) · m = p (γ + m x) / (px + q - 1)
   * a weighted mean of the population mean and the customer's own mean; the
   * population mean for x = 0.
   */
  conditionalExpectedAverageValue(x: number, monetary: number): number {
    if (!Number.isInteger(x) || x < 0) throw new InvalidInputError(`x must be an integer >= 0, got ${x}`, "x")
    if (x === 0) return this.populationMeanValue()
    if (!Number.isFinite(monetary) || monetary < 0) {
      throw new InvalidInputError(`monetary must be a finite number >= 0, got ${monetary}`, "monetary")
    }
    const { p, q, gamma } = this.params
    return (p * (gamma + monetary * x)) / (p * x + q - 1)
  }

  toJSON(): SerializedEstimator<{ penalizer: number }, GammaGammaState> {
    const { penalizer, logLikelihood, customers, converged } = this.info
    return { type: TYPE, version: VERSION, params: { penalizer }, state: { ...this.params, logLikelihood, customers, converged } }
  }

  static fromJSON(json: unknown): GammaGammaModel {
    const { params, state } = readEnvelope(json, TYPE, VERSION)
    return new GammaGammaModel(
      { p: readPositive(state, "p", TYPE), q: readPositive(state, "q", TYPE), gamma: readPositive(state, "gamma", TYPE) },
      {
        penalizer: readNumber(params, "penalizer", TYPE),
        logLikelihood: readNumber(state, "logLikelihood", TYPE),
        customers: readNumber(state, "customers", TYPE),
        converged: readBoolean(state, "converged", TYPE),
      }
    )
  }
}

interface GammaGammaState extends GammaGammaParams {
  logLikelihood: number
  customers: number
  converged: boolean
}
