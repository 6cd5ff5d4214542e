import { InvalidInputError } from "../../../../src/core/errors"
import { minimizeNelderMead } from "../../../../src/core/optimize/nelder-mead"

const rosenbrock = (x: Float64Array): number => 100 * (x[1] - x[0] ** 2) ** 2 + (1 - x[0]) ** 2

// f(x) = Σ w_i (x_i - c_i)², minimum 0 at c; scales differ by 10^4 to test conditioning.
const centre = [3, -2, 0.5, 10]
const weights = [1, 100, 0.01, 5]
const quadratic = (x: Float64Array): number => x.reduce((s, v, i) => s + weights[i] * (v - centre[i]) ** 2, 0)

describe("minimizeNelderMead", () => {
  it("finds the Rosenbrock minimum (1, 1) from the classic start (-1.2, 1)", () => {
    const result = minimizeNelderMead(rosenbrock, [-1.2, 1])
    expect(result.converged).toBe(true)
    expect(result.x[0]).toBeCloseTo(1, 6)
    expect(result.x[1]).toBeCloseTo(1, 6)
    expect(result.value).toBeLessThan(1e-12)
  })

  it("finds the minimum of a badly scaled 4-d quadratic", () => {
    const result = minimizeNelderMead(quadratic, [0, 0, 0, 0])
    expect(result.converged).toBe(true)
    result.x.forEach((v, i) => expect(v).toBeCloseTo(centre[i], 5))
    expect(result.value).toBeLessThan(1e-10)
  })

  it("stops at the iteration limit and says it did not converge", () => {
    const result = minimizeNelderMead(rosenbrock, [-1.2, 1], { maxIterations: 5 })
    expect(result.iterations).toBe(5)
    expect(result.converged).toBe(false)
    // The best point so far is still returned, and it is better than the start (24.2).
    expect(result.value).toBeLessThan(rosenbrock(Float64Array.from([-1.2, 1])))
  })

  it("restarts: a converged run used more iterations than the first simplex alone", () => {
    const once = minimizeNelderMead(rosenbrock, [-1.2, 1], { maxRestarts: 0 })
    const restarted = minimizeNelderMead(rosenbrock, [-1.2, 1])
    expect(restarted.iterations).toBeGreaterThan(once.iterations)
    expect(restarted.value).toBeLessThanOrEqual(once.value)
  })

  it("treats NaN as a rejected point and stays inside the domain", () => {
    const f = (x: Float64Array): number => (x[0] < 0 ? NaN : (Math.sqrt(x[0]) - 2) ** 2)
    const result = minimizeNelderMead(f, [1])
    expect(result.x[0]).toBeCloseTo(4, 6)
  })

  it("is deterministic", () => {
    const a = minimizeNelderMead(rosenbrock, [-1.2, 1])
    const b = minimizeNelderMead(rosenbrock, [-1.2, 1])
    expect(Array.from(a.x)).toEqual(Array.from(b.x))
    expect(a.iterations).toBe(b.iterations)
  })

  it("validates its options and start, naming the option and its bound", () => {
    expect(() => minimizeNelderMead(rosenbrock, [0, 0], { maxIterations: 0 })).toThrow(
      new InvalidInputError("maxIterations must be an integer >= 1, got 0")
    )
    expect(() => minimizeNelderMead(rosenbrock, [0, 0], { tolerance: -1 })).toThrow(/tolerance must be a finite number > 0, got -1/)
    expect(() => minimizeNelderMead(rosenbrock, [0, 0], { stepTolerance: NaN })).toThrow(/stepTolerance/)
    expect(() => minimizeNelderMead(rosenbrock, [0, 0], { initialStep: 0 })).toThrow(/initialStep/)
    expect(() => minimizeNelderMead(rosenbrock, [0, 0], { maxRestarts: 1.5 })).toThrow(/maxRestarts/)
    expect(() => minimizeNelderMead(rosenbrock, [])).toThrow(InvalidInputError)
    expect(() => minimizeNelderMead(rosenbrock, [Infinity, 0])).toThrow(/x0 must be finite/)
  })
})
