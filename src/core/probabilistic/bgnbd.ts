import { InvalidInputError, NotEnoughDataError } from "../errors"
import type { SerializedEstimator } from "../learners/types"
import { minimizeNelderMead, resolveNelderMeadOptions } from "../optimize/nelder-mead"
import { bgnbdGroupedLogLikelihood, validateBgNbdParams, type BgNbdParams } from "./bgnbd-likelihood"
import { hyp2f1 } from "./hyp2f1"
import { groupHistories, validateHistory, type RepeatPurchaseHistory } from "./rfm"
import { readBoolean, readEnvelope, readNumber, readPositive } from "./serialized"

export { bgnbdLogLikelihood, type BgNbdParams } from "./bgnbd-likelihood"

/** Options of {@link fitBgNbd}. */
export interface BgNbdFitOptions {
  /** Days in one time unit of the histories (7 when x, tx, T are in weeks). Required: it is part of the model. */
  timeUnitDays: number
  /**
   * Weight of an L2 penalty on the parameters: the fit minimises
   * -LL / customers + penalizer · (r² + α² + a² + b²), as the `lifetimes` package does.
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
  penalizer: 0, // plain maximum likelihood, as in the paper
  maxIterations: 5000, // a CDNOW-size fit converges in well under 1000
  tolerance: 1e-10, // enough for 5 significant digits of every parameter
}

const TYPE = "bgnbd"
const VERSION = 1

/**
 * Fits the BG/NBD model by maximum likelihood. The parameters are optimised as
 * logarithms, so they stay positive; the search starts at r = a = b = 1 and α = the
 * mean of T (α is a time scale). Needs at least 4 customers, one of them with x > 0.
 */
export function fitBgNbd(histories: readonly RepeatPurchaseHistory[], options: BgNbdFitOptions): BgNbdModel {
  const o = { ...FIT_DEFAULTS, ...options }
  if (!Number.isFinite(o.timeUnitDays) || o.timeUnitDays <= 0) {
    throw new InvalidInputError(`timeUnitDays must be a finite number > 0, got ${o.timeUnitDays}`, "timeUnitDays")
  }
  if (!Number.isFinite(o.penalizer) || o.penalizer < 0) {
    throw new InvalidInputError(`penalizer must be a finite number >= 0, got ${o.penalizer}`, "penalizer")
  }
  const optimizerOptions = resolveNelderMeadOptions({ maxIterations: o.maxIterations, tolerance: o.tolerance })
  const data = groupHistories(histories)
  const missing: string[] = []
  if (data.customers < 4) missing.push(`at least 4 customers (got ${data.customers})`)
  if (!data.x.some((x) => x > 0)) missing.push("at least one customer with a repeat purchase")
  if (missing.length > 0) throw new NotEnoughDataError(missing)

  const logLikelihood = bgnbdGroupedLogLikelihood(data)
  const fromLog = (theta: Float64Array): BgNbdParams => ({
    r: Math.exp(theta[0]),
    alpha: Math.exp(theta[1]),
    a: Math.exp(theta[2]),
    b: Math.exp(theta[3]),
  })
  const objective = (theta: Float64Array): number => {
    const p = fromLog(theta)
    const penalty = o.penalizer * (p.r ** 2 + p.alpha ** 2 + p.a ** 2 + p.b ** 2)
    return -logLikelihood(p) / data.customers + penalty
  }
  let meanT = 0
  data.T.forEach((T, g) => (meanT += (T * data.count[g]) / data.customers))
  const result = minimizeNelderMead(objective, [0, Math.log(meanT > 0 ? meanT : 1), 0, 0], optimizerOptions)
  const params = fromLog(result.x)
  return new BgNbdModel(params, {
    timeUnitDays: o.timeUnitDays,
    penalizer: o.penalizer,
    logLikelihood: logLikelihood(params),
    customers: data.customers,
    converged: result.converged,
  })
}

/** How a BG/NBD model was fitted. */
export interface BgNbdFitInfo {
  /** Days in one model time unit; t, tx and T of every method are in this unit. */
  timeUnitDays: number
  penalizer: number
  /** Log-likelihood of the training customers at the fitted parameters (without penalty). */
  logLikelihood: number
  customers: number
  converged: boolean
}

/**
 * A fitted BG/NBD model (Fader, Hardie & Lee 2005, "Counting your customers the easy
 * way", below FHL 2005). All times are in units of `timeUnitDays` days.
 */
export class BgNbdModel {
  readonly timeUnitDays: number
  readonly logLikelihood: number

  constructor(readonly params: BgNbdParams, readonly info: BgNbdFitInfo) {
    validateBgNbdParams(params)
    if (!Number.isFinite(info.timeUnitDays) || info.timeUnitDays <= 0) {
      throw new InvalidInputError(`timeUnitDays must be a finite number > 0, got ${info.timeUnitDays}`, "timeUnitDays")
    }
    this.timeUnitDays = info.timeUnitDays
    this.logLikelihood = info.logLikelihood
  }

  /**
   * P(alive | x, t_x, T) = 1 / (1 + δ(x>0) · a/(b+x-1) · ((α+T)/(α+t_x))^(r+x))
   * (Fader, Hardie & Lee's note "Computing P(alive) using the BG/NBD model").
   * Equal to 1 for x = 0: a customer who never came back has had no chance to drop out.
   */
  pAlive(x: number, tx: number, T: number): number {
    validateHistory({ x, tx, T }, "pAlive")
    if (x === 0) return 1
    const { r, alpha, a, b } = this.params
    const lnOdds = Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx))
    return 1 / (1 + Math.exp(lnOdds))
  }

  /**
   * Expected purchases of a new customer in (0, t] (FHL 2005):
   *   E[X(t)] = (a+b-1)/(a-1) · [1 - (α/(α+t))^r · 2F1(r, b; a+b-1; t/(α+t))]
   * which is the conditional expectation below at x = t_x = T = 0.
   */
  expectedPurchases(t: number): number {
    return this.conditionalExpectedPurchases(t, 0, 0, 0)
  }

  /**
   * Expected purchases in (T, T+t] of a customer with history (x, t_x, T) (FHL 2005):
   *   E[Y(t) | x, t_x, T] = (a+b+x-1)/(a-1) · [1 - ((α+T)/(α+T+t))^(r+x) · 2F1(r+x, b+x; a+b+x-1; z)]
   *                         / (1 + δ(x>0) · a/(b+x-1) · ((α+T)/(α+t_x))^(r+x)),   z = t/(α+T+t).
   * Euler's transformation 2F1(A,B;C;z) = (1-z)^(C-A-B) 2F1(C-A, C-B; C; z) turns the
   * bracket into 1 - (1-z)^(a-1) · 2F1(a+b-1-r, a-1; a+b+x-1; z), whose parameters stay
   * small however large x is (the original form overflows for frequent buyers).
   */
  conditionalExpectedPurchases(t: number, x: number, tx: number, T: number): number {
    if (!Number.isFinite(t) || t < 0) throw new InvalidInputError(`t must be a finite number >= 0, got ${t}`, "t")
    const pAlive = this.pAlive(x, tx, T)
    const { a } = this.params
    // At a = 1 the factor is 0/0; the expression is smooth in a, so average both sides.
    if (Math.abs(a - 1) < NEAR_ONE) {
      const below = this.aliveExpectation(t, x, T, 1 - NEAR_ONE)
      const above = this.aliveExpectation(t, x, T, 1 + NEAR_ONE)
      return (pAlive * (below + above)) / 2
    }
    return pAlive * this.aliveExpectation(t, x, T, a)
  }

  /** (a+b+x-1)/(a-1) · [1 - (1-z)^(a-1) 2F1(a+b-1-r, a-1; a+b+x-1; z)]: expected purchases if alive at T. */
  private aliveExpectation(t: number, x: number, T: number, a: number): number {
    if (t === 0) return 0
    const { r, alpha, b } = this.params
    const z = t / (alpha + T + t)
    const c = a + b + x - 1
    const bracket = 1 - Math.pow(1 - z, a - 1) * hyp2f1(a + b - 1 - r, a - 1, c, z)
    return (c / (a - 1)) * bracket
  }

  toJSON(): SerializedEstimator<{ timeUnitDays: number; penalizer: number }, BgNbdState> {
    const { r, alpha, a, b } = this.params
    const { timeUnitDays, penalizer, logLikelihood, customers, converged } = this.info
    return {
      type: TYPE,
      version: VERSION,
      params: { timeUnitDays, penalizer },
      state: { r, alpha, a, b, logLikelihood, customers, converged },
    }
  }

  static fromJSON(json: unknown): BgNbdModel {
    const { params, state } = readEnvelope(json, TYPE, VERSION)
    return new BgNbdModel(
      {
        r: readPositive(state, "r", TYPE),
        alpha: readPositive(state, "alpha", TYPE),
        a: readPositive(state, "a", TYPE),
        b: readPositive(state, "b", TYPE),
      },
      {
        timeUnitDays: readPositive(params, "timeUnitDays", TYPE),
        penalizer: readNumber(params, "penalizer", TYPE),
        logLikelihood: readNumber(state, "logLikelihood", TYPE),
        customers: readNumber(state, "customers", TYPE),
        converged: readBoolean(state, "converged", TYPE),
      }
    )
  }
}

const NEAR_ONE = 1e-6

interface BgNbdState extends BgNbdParams {
  logLikelihood: number
  customers: number
  converged: boolean
}
