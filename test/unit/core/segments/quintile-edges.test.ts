import { InvalidInputError } from "../../../../src/core/errors"
import { createRandom } from "../../../../src/core/random"
import { assignSegments, rfmEdges, segmentsAgainstEdges } from "../../../../src/core/segments/rfm-segments"
import { quintileEdges, quintileScores, scoreAgainstEdges, type ScoreDirection } from "../../../../src/core/segments/quintile-scores"

describe("quintileEdges and scoreAgainstEdges", () => {
  const directions: ScoreDirection[] = ["higher-is-better", "lower-is-better"]

  it("give every value of the population its quintile score, ties and small populations included", () => {
    const random = createRandom(5)
    for (const n of [1, 2, 3, 4, 5, 6, 7, 11, 24, 100]) {
      for (const direction of directions) {
        // few distinct values: many ties
        const values = Array.from({ length: n }, () => Math.floor(random.next() * 6))
        const edges = quintileEdges(values, direction)
        expect(values.map((v) => scoreAgainstEdges(v, edges, direction))).toEqual(quintileScores(values, direction))
      }
    }
  })

  it("names the cut points: the 2nd, 4th, 6th and 8th worst of ten", () => {
    const orders = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
    expect(quintileEdges(orders, "higher-is-better")).toEqual([2, 4, 6, 8])
    expect(quintileEdges(orders, "lower-is-better")).toEqual([9, 7, 5, 3])
    expect(scoreAgainstEdges(100, [2, 4, 6, 8], "higher-is-better")).toBe(5)
    expect(scoreAgainstEdges(0, [9, 7, 5, 3], "lower-is-better")).toBe(5)
    expect(scoreAgainstEdges(2, [2, 4, 6, 8], "higher-is-better")).toBe(1)
  })

  it("has no edge for an empty population, so everything scores 1", () => {
    expect(quintileEdges([], "higher-is-better")).toEqual([])
    expect(scoreAgainstEdges(7, [], "higher-is-better")).toBe(1)
  })

  it("rejects values that are not finite, naming the field", () => {
    expect(() => quintileEdges([1, Number.NaN], "higher-is-better", "frequency")).toThrow(
      new InvalidInputError("frequency of customer 1 is NaN, expected a finite number", "frequency")
    )
  })
})

describe("rfmEdges and segmentsAgainstEdges", () => {
  const random = createRandom(11)
  const customers = Array.from({ length: 57 }, () => ({
    recencyDays: Math.floor(random.next() * 300),
    frequency: 1 + Math.floor(random.next() * random.next() * 8),
    monetary: random.next() * 500,
  }))

  it("segment each customer alone as assignSegments does over all of them", () => {
    const edges = rfmEdges(customers)
    expect(segmentsAgainstEdges(customers, edges)).toEqual(assignSegments(customers).map((a) => a.segment))
    expect(segmentsAgainstEdges(customers.slice(10, 13), edges)).toEqual(assignSegments(customers).slice(10, 13).map((a) => a.segment))
  })

  it("shifts the recency edges by the days since the population was measured", () => {
    const edges = rfmEdges(customers)
    const later = customers.map((c) => ({ ...c, recencyDays: c.recencyDays + 30 }))
    expect(segmentsAgainstEdges(later, edges, 30)).toEqual(assignSegments(customers).map((a) => a.segment))
    expect(segmentsAgainstEdges(later, edges)).not.toEqual(assignSegments(customers).map((a) => a.segment))
  })

  it("rejects a negative recency", () => {
    expect(() => segmentsAgainstEdges([{ recencyDays: -1, frequency: 1 }], rfmEdges(customers))).toThrow(InvalidInputError)
  })
})
