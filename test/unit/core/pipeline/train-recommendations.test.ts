import { trainRecommendations } from "../../../../src/core/pipeline/train-recommendations"
import { createRandom } from "../../../../src/core/random"
import { tuneRecommenders } from "../../../../src/core/recommend/tune"
import { day, historyOf, type Basket } from "../recommend/baskets"

/** 30 customers over 100 days, each ordering 1 to 3 of 12 products every 4 to 19 days (favourites come back). */
function store(): Basket[] {
  const random = createRandom(3)
  const baskets: Basket[] = []
  let orderNumber = 0
  for (let customer = 0; customer < 30; customer++) {
    for (let at = random.int(10); at < 100; at += 4 + random.int(16)) {
      const products = new Set<string>()
      const size = 1 + random.int(3)
      while (products.size < size) products.add(`P${(customer % 4) * 3 + random.int(6)}`)
      baskets.push([`c${customer}`, `o${orderNumber++}`, at, [...products]])
    }
  }
  return baskets
}

const HISTORY = historyOf(store())
const OPTIONS = { asOf: day(100), seed: 9, limit: 5, trials: 2 }

describe("trainRecommendations", () => {
  const { lists } = trainRecommendations(HISTORY, OPTIONS)
  const listsOf = (sourceType: string) => lists.filter((list) => list.sourceType === sourceType)

  it("stores each customer's for-you lists as the tuned model lists them, with and without what they bought", () => {
    const { forYou } = tuneRecommenders(HISTORY, { random: createRandom(OPTIONS.seed), trials: 2, asOf: OPTIONS.asOf })
    const expected = (excludePurchased: boolean) =>
      forYou
        .topNForCustomers(HISTORY, OPTIONS.limit, { excludePurchased, asOf: OPTIONS.asOf })
        .map(({ sourceId, items }) => ({ sourceId, items }))
    const stored = (sourceType: string) => listsOf(sourceType).map(({ sourceId, items }) => ({ sourceId, items }))
    expect(stored("customer")).toEqual(expected(false))
    expect(stored("customer_new")).toEqual(expected(true))
    expect(stored("customer")).toHaveLength(30)
  })

  it("never lists a product the customer bought in customer_new", () => {
    const bought = new Map<string, Set<string>>()
    for (const line of HISTORY.lines) bought.set(line.customerId, (bought.get(line.customerId) ?? new Set()).add(line.productId))
    for (const list of listsOf("customer_new")) {
      for (const item of list.items) expect(bought.get(list.sourceId)?.has(item.productId)).toBe(false)
    }
  })

  it("gives the same lists under the same seed", () => {
    expect(trainRecommendations(HISTORY, OPTIONS).lists).toEqual(lists)
  })
})
