import { minimizeNelderMead } from "../../../../src/core/optimize/nelder-mead"
import { ROUND_ITERATIONS, minimizeAlongRidge } from "../../../../src/core/probabilistic/ridge-search"

const options = { maxIterations: 5000, tolerance: 1e-10 }

describe("minimizeAlongRidge", () => {
  it("gives a single Nelder-Mead run's result when the objective has a minimum", () => {
    const bowl = (p: Float64Array): number => (p[0] - 1) ** 2 + 3 * (p[1] + 2) ** 2
    const ridge = minimizeAlongRidge(bowl, [0, 0], options)
    expect(ridge.flat).toBe(false)
    expect(ridge.converged).toBe(true)
    expect(Array.from(ridge.x)).toEqual(Array.from(minimizeNelderMead(bowl, [0, 0], options).x))
    expect(ridge.x[0]).toBeCloseTo(1, 6)
    expect(ridge.x[1]).toBeCloseTo(-2, 6)
  })

  it("stops on a ridge whose infimum lies at infinity, says so, and spends few rounds", () => {
    // 1/(1 + x²) keeps falling as x -> ∞ while its fall drops below any tolerance
    const slope = (p: Float64Array): number => 1 / (1 + p[0] * p[0]) + (p[1] - 0.5) ** 2
    const plain = minimizeNelderMead(slope, [0, 0], options)
    expect(plain.converged).toBe(false) // a single run slides until its budget is spent
    const ridge = minimizeAlongRidge(slope, [0, 0], options)
    expect(ridge.flat).toBe(true)
    expect(ridge.converged).toBe(false)
    expect(ridge.iterations).toBeLessThan(plain.iterations)
    expect(ridge.iterations % ROUND_ITERATIONS).toBe(0)
    expect(ridge.value).toBeLessThan(1e-8)
    expect(Math.abs(ridge.x[0])).toBeGreaterThan(1e4)
    expect(ridge.x[1]).toBeCloseTo(0.5, 3)
  })

  it("stops at the iteration limit without calling it a ridge", () => {
    const slope = (p: Float64Array): number => 1 / (1 + p[0] * p[0]) + (p[1] - 0.5) ** 2
    const short = minimizeAlongRidge(slope, [0, 0], { maxIterations: 50, tolerance: 1e-10 })
    expect(short.iterations).toBe(50)
    expect(short.converged).toBe(false)
    expect(short.flat).toBe(false)
  })
})
