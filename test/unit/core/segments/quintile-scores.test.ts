import { InvalidInputError } from "../../../../src/core/errors"
import { quintileScores } from "../../../../src/core/segments/quintile-scores"

describe("quintileScores", () => {
  it("splits 12 distinct values at the quintile edges: score = 1 + floor(5 * worse / 12)", () => {
    const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
    // worse = 0..11 -> floor(5w/12) = 0,0,0,1,1,2,2,2,3,3,4,4
    expect(quintileScores(values, "higher-is-better")).toEqual([1, 1, 1, 2, 2, 3, 3, 3, 4, 4, 5, 5])
  })

  it("gives the top score to the smallest value when lower is better", () => {
    const days = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100]
    expect(quintileScores(days, "lower-is-better")).toEqual([5, 5, 4, 4, 3, 3, 2, 2, 1, 1])
  })

  it("never splits ties: a tie group takes the score of its first position", () => {
    // six one-time buyers (worse = 0), two with 2 orders (worse = 6), one with 3 (8), one with 5 (9)
    const orders = [1, 1, 1, 1, 1, 1, 2, 2, 3, 5]
    expect(quintileScores(orders, "higher-is-better")).toEqual([1, 1, 1, 1, 1, 1, 4, 4, 5, 5])
  })

  it("does not depend on input order", () => {
    const values = [3, 9, 1, 9, 4, 4, 7, 2, 9, 0, 5, 4]
    const scores = quintileScores(values, "higher-is-better")
    const order = [5, 11, 0, 3, 8, 1, 10, 2, 7, 4, 6, 9]
    const permuted = quintileScores(order.map((i) => values[i]), "higher-is-better")
    expect(permuted).toEqual(order.map((i) => scores[i]))
  })

  it("scores everyone 1 when all values are equal", () => {
    expect(quintileScores([4, 4, 4], "lower-is-better")).toEqual([1, 1, 1])
  })

  it("rejects values that are not finite, naming the field", () => {
    expect(() => quintileScores([1, Number.NaN], "higher-is-better", "monetary")).toThrow(
      new InvalidInputError("monetary of customer 1 is NaN, expected a finite number", "monetary")
    )
  })
})
