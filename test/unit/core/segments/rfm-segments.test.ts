import { InvalidInputError } from "../../../../src/core/errors"
import { assignSegments, segmentFor } from "../../../../src/core/segments/rfm-segments"
import { SEGMENTS, SEGMENT_IDS } from "../../../../src/core/segments/segment-catalog"

describe("segmentFor", () => {
  it("follows the documented R x F table", () => {
    const table = [
      // F = 1..5, rows R = 5..1
      ["new", "potential_loyalist", "potential_loyalist", "champions", "champions"],
      ["promising", "potential_loyalist", "potential_loyalist", "loyal", "loyal"],
      ["about_to_sleep", "about_to_sleep", "need_attention", "loyal", "loyal"],
      ["hibernating", "hibernating", "at_risk", "at_risk", "cant_lose"],
      ["lost", "lost", "at_risk", "at_risk", "cant_lose"],
    ]
    table.forEach((cells, k) => cells.forEach((segment, f) => expect(segmentFor(5 - k, f + 1)).toBe(segment)))
  })

  it("rejects scores outside 1..5", () => {
    expect(() => segmentFor(0, 3)).toThrow(new InvalidInputError("r score is 0, expected an integer from 1 to 5", "r"))
    expect(() => segmentFor(3, 2.5)).toThrow(InvalidInputError)
  })
})

describe("assignSegments", () => {
  it("scores a hand-made population of 10 customers", () => {
    const customers = [
      { recencyDays: 3, frequency: 12, monetary: 900 },
      { recencyDays: 10, frequency: 8, monetary: 700 },
      { recencyDays: 200, frequency: 10, monetary: 1500 },
      { recencyDays: 5, frequency: 1, monetary: 20 },
      { recencyDays: 400, frequency: 1, monetary: 15 },
      { recencyDays: 60, frequency: 3, monetary: 120 },
      { recencyDays: 30, frequency: 2, monetary: 60 },
      { recencyDays: 150, frequency: 2, monetary: 40 },
      { recencyDays: 90, frequency: 5, monetary: 300 },
      { recencyDays: 300, frequency: 4, monetary: 200 },
    ]
    // R: days sorted 3,5,10,30,60,90,150,200,300,400 -> 5,5,4,4,3,3,2,2,1,1
    // F: 1,1 (worse 0) -> 1; 2,2 (worse 2) -> 2; 3 (4) -> 3; 4 (5) -> 3; 5 (6) -> 4; 8 (7) -> 4; 10 (8) -> 5; 12 (9) -> 5
    // M: 15,20,40,60,120,200,300,700,900,1500 -> 1,1,2,2,3,3,4,4,5,5
    expect(assignSegments(customers)).toEqual([
      { segment: "champions", r: 5, f: 5, m: 5 },
      { segment: "loyal", r: 4, f: 4, m: 4 },
      { segment: "cant_lose", r: 2, f: 5, m: 5 },
      { segment: "new", r: 5, f: 1, m: 1 },
      { segment: "lost", r: 1, f: 1, m: 1 },
      { segment: "need_attention", r: 3, f: 3, m: 3 },
      { segment: "potential_loyalist", r: 4, f: 2, m: 2 },
      { segment: "hibernating", r: 2, f: 2, m: 2 },
      { segment: "loyal", r: 3, f: 4, m: 4 },
      { segment: "at_risk", r: 1, f: 3, m: 3 },
    ])
  })

  it("reaches every segment on a 25-customer population covering every R x F cell", () => {
    // customer (a, b) is built to score R = a and F = b with 25 distinct values
    const cells = Array.from({ length: 25 }, (_, i) => ({ a: Math.floor(i / 5) + 1, b: (i % 5) + 1 }))
    const customers = cells.map(({ a, b }) => ({
      recencyDays: 100 - ((a - 1) * 5 + (b - 1)),
      frequency: (b - 1) * 5 + (a - 1) + 1,
      monetary: 10,
    }))
    const result = assignSegments(customers)
    result.forEach((res, i) => {
      expect([res.r, res.f, res.m]).toEqual([cells[i].a, cells[i].b, 1])
      expect(res.segment).toBe(segmentFor(cells[i].a, cells[i].b))
    })
    expect(new Set(result.map((res) => res.segment))).toEqual(new Set(SEGMENT_IDS))
  })

  it("gives tied customers the same scores and segment", () => {
    const customers = [
      { recencyDays: 7, frequency: 2, monetary: 50 },
      { recencyDays: 100, frequency: 1, monetary: 10 },
      { recencyDays: 7, frequency: 2, monetary: 50 },
      { recencyDays: 40, frequency: 6, monetary: 300 },
      { recencyDays: 7, frequency: 2, monetary: 50 },
    ]
    // R: 100 (worse 0) -> 1, 40 (1) -> 2, three 7s (2) -> 3; F: 1 -> 1, 2s (1) -> 2, 6 (4) -> 5; M like F
    expect(assignSegments(customers)).toEqual([
      { segment: "about_to_sleep", r: 3, f: 2, m: 2 },
      { segment: "lost", r: 1, f: 1, m: 1 },
      { segment: "about_to_sleep", r: 3, f: 2, m: 2 },
      { segment: "cant_lose", r: 2, f: 5, m: 5 },
      { segment: "about_to_sleep", r: 3, f: 2, m: 2 },
    ])
  })

  it("returns nothing for no customers", () => {
    expect(assignSegments([])).toEqual([])
  })

  it("rejects negative recency and frequency", () => {
    expect(() => assignSegments([{ recencyDays: -1, frequency: 1, monetary: 1 }])).toThrow(
      new InvalidInputError("recencyDays of customer 0 is -1, expected >= 0", "recencyDays")
    )
    expect(() => assignSegments([{ recencyDays: 1, frequency: -2, monetary: 1 }])).toThrow(InvalidInputError)
  })
})

describe("SEGMENTS", () => {
  it("has a label and an action for every segment, keyed by its id", () => {
    for (const id of SEGMENT_IDS) {
      expect(SEGMENTS[id].id).toBe(id)
      expect(SEGMENTS[id].label.length).toBeGreaterThan(0)
      expect(SEGMENTS[id].action.length).toBeGreaterThan(0)
    }
    expect(SEGMENTS.cant_lose).toMatchObject({ label: "Can't lose", action: "win back now" })
    expect(SEGMENTS.champions).toMatchObject({ label: "Champions", action: "reward" })
  })
})
