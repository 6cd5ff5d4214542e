import { buildOrderHistory } from "../../../../src/core/data"
import { buildFeatureRows, FEATURE_COUNT } from "../../../../src/core/features"
import { simulateStore } from "../../../../src/core/simulate"

const DAY_MS = 86_400_000

describe("buildFeatureRows with a given BG/NBD model", () => {
  const history = buildOrderHistory(simulateStore({ customers: 120, days: 300, seed: 9 }).lines)
  const cutoff = Math.floor(history.lastAt / DAY_MS) * DAY_MS
  const everyone = buildFeatureRows(history, cutoff, { horizonDays: 60 })
  const rowOf = (rows: typeof everyone, id: string) => {
    const i = rows.customerIds.indexOf(id)
    return Array.from(rows.values.subarray(i * FEATURE_COUNT, (i + 1) * FEATURE_COUNT))
  }
  const some = everyone.customerIds.filter((_, i) => i % 10 === 3)
  const theirLines = buildOrderHistory(history.lines.filter((l) => some.includes(l.customerId)))

  it("gives some customers' rows, from their lines alone, what the rows of everyone give them", () => {
    expect(everyone.bgnbdModel).not.toBeNull()
    const alone = buildFeatureRows(theirLines, cutoff, { horizonDays: 60, bgnbdModel: everyone.bgnbdModel })
    expect(alone.customerIds).toEqual(some)
    for (const id of some) expect(rowOf(alone, id)).toEqual(rowOf(everyone, id))
    expect(alone.bgnbdModel).toBe(everyone.bgnbdModel)
  })

  it("differs without it: a few customers alone get the run-rate fallback", () => {
    const alone = buildFeatureRows(theirLines, cutoff, { horizonDays: 60 })
    expect(alone.bgnbdFitted).toBe(false)
    expect(some.some((id) => rowOf(alone, id).join() !== rowOf(everyone, id).join())).toBe(true)
  })

  it("gives the fallback when the model given is null", () => {
    expect(buildFeatureRows(theirLines, cutoff, { horizonDays: 60, bgnbdModel: null })).toEqual(buildFeatureRows(theirLines, cutoff, { horizonDays: 60 }))
  })
})
