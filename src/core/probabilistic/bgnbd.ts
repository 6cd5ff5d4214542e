import { InvalidInputError, NotEnoughDataError } from "../errors"
import type { SerializedEstimator } from "../learners/types"
import { resolveNelderMeadOptions } from "../optimize/nelder-mead"
import { bgnbdGroupedLogLikelihood, validateBgNbdParams, type BgNbdParams } from "./bgnbd-likelihood"
import { expectedPurchasesIfAlive } from "./bgnbd-expectation"
import { groupHistories, validateHistory, type RepeatPurchaseHistory } from "./rfm"
import { fitDropoutEdge } from "./bgnbd-limit"
import { minimizeAlongRidge } from "./ridge-search"
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

/** Customers BG/NBD needs at the least: four parameters cannot be told apart on fewer. */
export const BGNBD_MIN_CUSTOMERS = 4

/**
 * Fits the BG/NBD model by maximum likelihood. The parameters are optimised as
 * logarithms, so they stay positive; the search starts at r = a = b = 1 and α = the
 * mean of T (α is a time scale). Needs at least 4 customers, one of them with x > 0.
 *
 * On some data the likelihood has no maximum inside the parameter space: it keeps
 * rising, ever more slowly, as b -> ∞ with a/b settling (every customer gets the same
 * dropout probability p) or as a -> 0 (nobody drops out, the NBD model). Without a
 * penalty the fit therefore also maximises the likelihood on that edge (r, α, p;
 * {@link fitDropoutEdge}); when the edge is at least as likely as the best interior
 * point, the result is the edge's maximum, written as a = b·p/(1-p) with b = 10^12,
 * and `info.boundary` is true. Its predictions are the edge model's, and they are
 * evaluated exactly for any a, b > 0 (see conditionalExpectedPurchases).
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
  if (data.customers < BGNBD_MIN_CUSTOMERS) missing.push(`at least ${BGNBD_MIN_CUSTOMERS} customers (got ${data.customers})`)
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
  const alphaStart = meanT > 0 ? meanT : 1
  const interior = minimizeAlongRidge(objective, [0, Math.log(alphaStart), 0, 0], optimizerOptions)
  let params = fromLog(interior.x)
  let converged = interior.converged || interior.flat
  let boundary = false
  if (o.penalizer === 0) {
    const edge = fitDropoutEdge(data, alphaStart, optimizerOptions)
    if (edge.value <= interior.value + o.tolerance * (1 + Math.abs(edge.value))) {
      params = { r: edge.r, alpha: edge.alpha, a: (EDGE_B * edge.p) / (1 - edge.p), b: EDGE_B }
      converged = edge.converged
      boundary = true
    }
  }
  return new BgNbdModel(params, {
    timeUnitDays: o.timeUnitDays,
    penalizer: o.penalizer,
    logLikelihood: logLikelihood(params),
    customers: data.customers,
    converged,
    boundary,
  })
}

/**
 * b of a fit on the one-dropout-probability edge, with a = b·p/(1-p): Beta(a, b) is then
 * p to within relative spread 1/sqrt(a) and its likelihood is the edge's to within
 * about max x / b, below the fit's tolerance.
 */
const EDGE_B = 1e12

/** How a BG/NBD model was fitted. */
export interface BgNbdFitInfo {
  /** Days in one model time unit; t, tx and T of every method are in this unit. */
  timeUnitDays: number
  penalizer: number
  /** Log-likelihood of the training customers at the fitted parameters (without penalty). */
  logLikelihood: number
  customers: number
  /** True when the optimiser met its tolerance, or stopped on a boundary ridge (see `boundary`). */
  converged: boolean
  /**
   * True when the likelihood has no maximum inside the parameter space and the fit
   * stopped on the ridge leading to its supremum (a -> 0 or b -> ∞: dropout
   * probabilities near 0 or all alike); the parameters are then the point reached on
   * that ridge, not unique estimates (other points on it fit as well). False for an
   * ordinary interior maximum.
   */
  boundary: boolean
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
   *   E[Y(t) | x, t_x, T] = P(alive | x, t_x, T) · E[Y(t) | alive at T, x, T]
   * where the second factor is (a+b+x-1)/(a-1) · [1 - ((α+T)/(α+T+t))^(r+x) · 2F1(r+x, b+x; a+b+x-1; t/(α+T+t))],
   * evaluated by {@link expectedPurchasesIfAlive} with series that stay exact and fast for
   * every a, b > 0, including the "nobody drops out" boundary (a -> 0 or b -> ∞), where it
   * tends to the NBD value (r+x)·t/(α+T), and a, b -> ∞ with a/b fixed (one dropout
   * probability for everyone).
   */
  conditionalExpectedPurchases(t: number, x: number, tx: number, T: number): number {
    if (!Number.isFinite(t) || t < 0) throw new InvalidInputError(`t must be a finite number >= 0, got ${t}`, "t")
    const pAlive = this.pAlive(x, tx, T)
    const { r, alpha, a, b } = this.params
    return pAlive * expectedPurchasesIfAlive(t / (alpha + T), r + x, a, b + x)
  }

  toJSON(): SerializedEstimator<{ timeUnitDays: number; penalizer: number }, BgNbdState> {
    const { r, alpha, a, b } = this.params
    const { timeUnitDays, penalizer, logLikelihood, customers, converged, boundary } = this.info
    return {
      type: TYPE,
      version: VERSION,
      params: { timeUnitDays, penalizer },
      state: { r, alpha, a, b, logLikelihood, customers, converged, boundary },
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
        // Models saved before the field existed were all read as interior fits.
        boundary: state.boundary === undefined ? false : readBoolean(state, "boundary", TYPE),
      }
    )
  }
}

interface BgNbdState extends BgNbdParams {
  logLikelihood: number
  customers: number
  converged: boolean
  boundary: boolean
}
