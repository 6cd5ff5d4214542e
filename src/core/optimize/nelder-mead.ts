import { InvalidInputError } from "../errors"

/**
 * Derivative-free minimisation by the Nelder-Mead simplex method, restarted from
 * the best point until a restart no longer improves it.
 *
 * Why Nelder-Mead rather than L-BFGS: the likelihoods minimised here have three or
 * four parameters and cost well under a millisecond per evaluation once customers
 * with equal (x, t_x, T) are grouped, so the extra evaluations of a simplex method
 * are cheap, while it needs no gradient code to derive, test and keep in step with
 * the likelihoods (or finite differences whose step would limit the attainable
 * accuracy). Its known failure, a simplex that collapses before reaching the
 * optimum, is what the restarts are for: a fresh full-size simplex around the best
 * point either finds a lower value or confirms the minimum (Kelley 1999, "Detection
 * and remediation of stagnation in the Nelder-Mead algorithm").
 *
 * Deterministic: the same function and start always give the same result.
 */

/** Options of {@link minimizeNelderMead}. */
export interface NelderMeadOptions {
  /**
   * Simplex iterations allowed over all restarts together.
   * @defaultValue 5000
   */
  maxIterations?: number
  /**
   * Convergence tolerance on function values: a simplex has converged when its
   * values differ by at most tolerance * (1 + |best value|).
   * @defaultValue 1e-10
   */
  tolerance?: number
  /**
   * Convergence tolerance on the points: the simplex's vertices must also lie within
   * stepTolerance * (1 + |coordinate|) of the best vertex in every coordinate.
   * @defaultValue 1e-8
   */
  stepTolerance?: number
  /**
   * Size of the initial (and each restart's) simplex: vertex i moves coordinate i by
   * initialStep * max(1, |x_i|).
   * @defaultValue 0.25
   */
  initialStep?: number
  /**
   * Restarts allowed after the first convergence.
   * @defaultValue 10
   */
  maxRestarts?: number
}

/** Outcome of a minimisation. */
export interface MinimizeResult {
  /** The best point found. */
  x: Float64Array
  /** f(x). */
  value: number
  /** Simplex iterations used over all restarts. */
  iterations: number
  /** False when the iteration limit stopped the search before it converged. */
  converged: boolean
}

const DEFAULTS: Required<NelderMeadOptions> = {
  maxIterations: 5000, // ample for 3-4 parameters: a restarted run typically needs a few hundred
  tolerance: 1e-10, // relative spread of values; LL fits need ~1e-10 to pin params to 5+ digits
  stepTolerance: 1e-8, // near sqrt(machine epsilon): below that, values no longer tell points apart
  initialStep: 0.25, // in log-parameter space this is a 28% change of each parameter
  maxRestarts: 10, // restarts stop as soon as one fails to improve; 10 is a safety cap
}

// Standard coefficients (Nelder & Mead 1965; Lagarias et al. 1998).
const REFLECT = 1
const EXPAND = 2
const CONTRACT = 0.5
const SHRINK = 0.5

export function resolveNelderMeadOptions(options: NelderMeadOptions = {}): Required<NelderMeadOptions> {
  const o = { ...DEFAULTS, ...options }
  const positiveInteger = (name: keyof NelderMeadOptions, value: number): void => {
    if (!Number.isInteger(value) || value < 1) {
      throw new InvalidInputError(`${name} must be an integer >= 1, got ${value}`, name)
    }
  }
  const positive = (name: keyof NelderMeadOptions, value: number): void => {
    if (!Number.isFinite(value) || value <= 0) {
      throw new InvalidInputError(`${name} must be a finite number > 0, got ${value}`, name)
    }
  }
  positiveInteger("maxIterations", o.maxIterations)
  positive("tolerance", o.tolerance)
  positive("stepTolerance", o.stepTolerance)
  positive("initialStep", o.initialStep)
  if (!Number.isInteger(o.maxRestarts) || o.maxRestarts < 0) {
    throw new InvalidInputError(`maxRestarts must be an integer >= 0, got ${o.maxRestarts}`, "maxRestarts")
  }
  return o
}

/** Minimises f starting from x0. f may return Infinity or NaN for points it rejects (treated as +Infinity). */
export function minimizeNelderMead(
  f: (x: Float64Array) => number,
  x0: ArrayLike<number>,
  options: NelderMeadOptions = {}
): MinimizeResult {
  const o = resolveNelderMeadOptions(options)
  if (x0.length === 0) throw new InvalidInputError("x0 must have at least one coordinate", "x0")
  const start = Float64Array.from(x0)
  if (!start.every(Number.isFinite)) throw new InvalidInputError(`x0 must be finite, got [${start.join(", ")}]`, "x0")
  const safe = (x: Float64Array): number => {
    const v = f(x)
    return Number.isNaN(v) ? Infinity : v
  }

  let best: { x: Float64Array; value: number } = { x: start, value: safe(start) }
  let iterations = 0
  for (let restart = 0; restart <= o.maxRestarts; restart++) {
    const run = runSimplex(safe, best.x, o, o.maxIterations - iterations)
    iterations += run.iterations
    const improved = run.value < best.value - o.tolerance * (1 + Math.abs(best.value))
    if (run.value <= best.value) best = run
    if (!run.converged) return { ...best, iterations, converged: false }
    if (restart > 0 && !improved) break
  }
  return { ...best, iterations, converged: true }
}

interface SimplexRun {
  x: Float64Array
  value: number
  iterations: number
  converged: boolean
}

function runSimplex(
  f: (x: Float64Array) => number,
  x0: Float64Array,
  o: Required<NelderMeadOptions>,
  budget: number
): SimplexRun {
  const n = x0.length
  const points: Float64Array[] = [x0.slice()]
  for (let i = 0; i < n; i++) {
    const p = x0.slice()
    p[i] += o.initialStep * Math.max(1, Math.abs(x0[i]))
    points.push(p)
  }
  const values = points.map(f)
  const order = points.map((_, i) => i)
  const centroid = new Float64Array(n)
  const trial = (from: Float64Array, towards: Float64Array, coefficient: number): Float64Array => {
    const p = new Float64Array(n)
    for (let j = 0; j < n; j++) p[j] = from[j] + coefficient * (towards[j] - from[j])
    return p
  }

  let iterations = 0
  for (;;) {
    order.sort((i, j) => values[i] - values[j] || i - j)
    const bestIdx = order[0]
    const worstIdx = order[n]
    if (hasConverged(points, values, bestIdx, o)) {
      return { x: points[bestIdx], value: values[bestIdx], iterations, converged: true }
    }
    if (iterations >= budget) {
      return { x: points[bestIdx], value: values[bestIdx], iterations, converged: false }
    }
    iterations++

    centroid.fill(0)
    for (let k = 0; k < n; k++) {
      const p = points[order[k]]
      for (let j = 0; j < n; j++) centroid[j] += p[j] / n
    }
    const worst = points[worstIdx]
    const reflected = trial(centroid, worst, -REFLECT)
    const fr = f(reflected)
    if (fr < values[bestIdx]) {
      const expanded = trial(centroid, worst, -EXPAND)
      const fe = f(expanded)
      const takeExpanded = fe < fr
      points[worstIdx] = takeExpanded ? expanded : reflected
      values[worstIdx] = takeExpanded ? fe : fr
      continue
    }
    if (fr < values[order[n - 1]]) {
      points[worstIdx] = reflected
      values[worstIdx] = fr
      continue
    }
    // Contract towards the better of the worst point and its reflection.
    const outside = fr < values[worstIdx]
    const contracted = trial(centroid, outside ? reflected : worst, CONTRACT)
    const fc = f(contracted)
    if (fc < (outside ? fr : values[worstIdx])) {
      points[worstIdx] = contracted
      values[worstIdx] = fc
      continue
    }
    const anchor = points[bestIdx]
    for (let k = 1; k <= n; k++) {
      const idx = order[k]
      points[idx] = trial(anchor, points[idx], SHRINK)
      values[idx] = f(points[idx])
    }
  }
}

function hasConverged(
  points: Float64Array[],
  values: number[],
  bestIdx: number,
  o: Required<NelderMeadOptions>
): boolean {
  const best = points[bestIdx]
  const fBest = values[bestIdx]
  if (!Number.isFinite(fBest)) return false
  for (let k = 0; k < points.length; k++) {
    if (Math.abs(values[k] - fBest) > o.tolerance * (1 + Math.abs(fBest))) return false
    for (let j = 0; j < best.length; j++) {
      if (Math.abs(points[k][j] - best[j]) > o.stepTolerance * (1 + Math.abs(best[j]))) return false
    }
  }
  return true
}
