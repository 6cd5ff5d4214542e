import { answerStorefront, listsFor, productsIn, restrictLists } from "../../../../src/core/serving/storefront-lists"
import { indexStoredLists } from "../../../../src/core/serving/stored-lists"

// shown: A, B, C, D, E; hidden (unpublished or in another channel): X, Y
const HIDDEN = new Set(["X", "Y"])
const isShown = (id: string) => !HIDDEN.has(id)

const lists = indexStoredLists([
  { sourceType: "similar", sourceId: "A", productId: "X", score: 0.9 },
  { sourceType: "similar", sourceId: "A", productId: "A", score: 0.8 },
  { sourceType: "similar", sourceId: "A", productId: "B", score: 0.7 },
  { sourceType: "similar", sourceId: "A", productId: "C", score: 0.5 },
  { sourceType: "similar", sourceId: "B", productId: "X", score: 0.9 },
  { sourceType: "similar", sourceId: "B", productId: "Y", score: 0.6 },
  { sourceType: "bought_together", sourceId: "A", productId: "Y", score: 4 },
  { sourceType: "bought_together", sourceId: "A", productId: "B", score: 2 },
  { sourceType: "bought_together", sourceId: "A", productId: "D", score: 1 },
  { sourceType: "bought_together", sourceId: "B", productId: "A", score: 3 },
  { sourceType: "bought_together", sourceId: "B", productId: "E", score: 3 },
  { sourceType: "customer", sourceId: "cus_1", productId: "X", score: 5 },
  { sourceType: "customer", sourceId: "cus_1", productId: "C", score: 2 },
  { sourceType: "customer", sourceId: "cus_1", productId: "E", score: 1 },
  { sourceType: "customer", sourceId: "cus_2", productId: "D", score: 1 },
  { sourceType: "customer", sourceId: "cus_hidden", productId: "Y", score: 1 },
  { sourceType: "popular", sourceId: "*", productId: "X", score: 90 },
  { sourceType: "popular", sourceId: "*", productId: "A", score: 80 },
  { sourceType: "popular", sourceId: "*", productId: "Y", score: 70 },
  { sourceType: "popular", sourceId: "*", productId: "D", score: 60 },
  { sourceType: "popular", sourceId: "*", productId: "B", score: 50 },
])
const shownLists = restrictLists(lists, isShown)
const ids = (items: { productId: string }[]) => items.map((i) => i.productId)

describe("restrictLists", () => {
  it("drops hidden products from every list, keeping order and scores, and lists left empty", () => {
    expect(shownLists.get("similar")?.get("A")).toEqual([
      { productId: "A", score: 0.8 },
      { productId: "B", score: 0.7 },
      { productId: "C", score: 0.5 },
    ])
    expect(shownLists.get("similar")?.has("B")).toBe(false)
    expect(ids(shownLists.get("popular")?.get("*") ?? [])).toEqual(["A", "D", "B"])
    expect([...productsIn(shownLists)].some((id) => HIDDEN.has(id))).toBe(false)
  })

  it("leaves the lists it was given unchanged", () => {
    expect(ids(lists.get("popular")?.get("*") ?? [])).toEqual(["X", "A", "Y", "D", "B"])
  })
})

describe("answerStorefront", () => {
  it("answers a product page with its shown list, never the product itself", () => {
    expect(answerStorefront(shownLists, { kind: "product", productId: "A", list: "similar" }, 10)).toEqual({
      items: [
        { productId: "B", score: 0.7 },
        { productId: "C", score: 0.5 },
      ],
      coldStart: false,
    })
    expect(ids(answerStorefront(shownLists, { kind: "product", productId: "A", list: "bought_together" }, 1).items)).toEqual(["B"])
  })

  it("answers with the shown popular products, with their scores, when nothing of the list is left", () => {
    expect(answerStorefront(shownLists, { kind: "product", productId: "B", list: "similar" }, 10)).toEqual({
      items: [
        { productId: "A", score: 80 },
        { productId: "D", score: 60 },
      ],
      coldStart: true,
    })
  })

  it("answers a product without any list with the popular ones", () => {
    const answer = answerStorefront(shownLists, { kind: "product", productId: "E", list: "bought_together" }, 2)
    expect(answer).toEqual({ items: [{ productId: "A", score: 80 }, { productId: "D", score: 60 }], coldStart: true })
  })

  it("completes a cart from its items' lists and popular products, never returning an item of the cart", () => {
    // from A: B 1.0 (in the cart), D 0.5; from B: A (in the cart), E 1.0; then popular D (already), A and B (cart)
    const answer = answerStorefront(shownLists, { kind: "cart", productIds: ["A", "B"] }, 10)
    expect(answer).toEqual({
      items: [
        { productId: "E", score: 1 },
        { productId: "D", score: 0.5 },
      ],
      coldStart: false,
    })
  })

  it("fills a short cart answer up with popular products", () => {
    const answer = answerStorefront(shownLists, { kind: "cart", productIds: ["B"] }, 3)
    // from B: A and E tie at 1.0 (by id), then the first popular product not already there
    expect(answer).toEqual({
      items: [
        { productId: "A", score: 1 },
        { productId: "E", score: 1 },
        { productId: "D", score: 0 },
      ],
      coldStart: false,
    })
    const single = answerStorefront(shownLists, { kind: "cart", productIds: ["D"] }, 2)
    expect(single).toEqual({ items: [{ productId: "A", score: 80 }, { productId: "B", score: 50 }], coldStart: true })
  })

  it("gives a customer their own shown list, then popular products", () => {
    const answer = answerStorefront(shownLists, { kind: "customer", customerId: "cus_1" }, 4)
    expect(answer.coldStart).toBe(false)
    expect(answer.items).toEqual([
      { productId: "C", score: 1 },
      { productId: "E", score: 0.5 },
      { productId: "A", score: 0 },
      { productId: "D", score: 0 },
    ])
  })

  it("never mixes in another customer's list", () => {
    const answer = answerStorefront(shownLists, { kind: "customer", customerId: "cus_2" }, 10)
    expect(ids(answer.items)).toEqual(["D", "A", "B"])
  })

  it("gives a customer with nothing shown (or no list) the popular products", () => {
    for (const customerId of ["cus_hidden", "cus_unknown"]) {
      expect(answerStorefront(shownLists, { kind: "customer", customerId }, 2)).toEqual({
        items: [{ productId: "A", score: 80 }, { productId: "D", score: 60 }],
        coldStart: true,
      })
    }
  })

  it("answers nothing when nothing at all is shown", () => {
    const none = restrictLists(lists, () => false)
    expect(answerStorefront(none, { kind: "customer", customerId: "cus_1" }, 5)).toEqual({ items: [], coldStart: true })
  })

  it.each([0, -1, 2.5])("refuses a limit of %p", (limit) => {
    expect(() => answerStorefront(shownLists, { kind: "customer", customerId: "cus_1" }, limit)).toThrow(RangeError)
  })
})

describe("listsFor", () => {
  it("reads only the request's own lists and the popular one", () => {
    expect(listsFor({ kind: "product", productId: "A", list: "bought_together" })).toEqual([
      { sourceType: "bought_together", sourceIds: ["A"] },
      { sourceType: "popular", sourceIds: ["*"] },
    ])
    expect(listsFor({ kind: "cart", productIds: ["A", "B", "A"] })).toEqual([
      { sourceType: "bought_together", sourceIds: ["A", "B"] },
      { sourceType: "popular", sourceIds: ["*"] },
    ])
    expect(listsFor({ kind: "cart", productIds: [] })).toEqual([{ sourceType: "popular", sourceIds: ["*"] }])
    expect(listsFor({ kind: "customer", customerId: "cus_1" })).toEqual([
      { sourceType: "customer", sourceIds: ["cus_1"] },
      { sourceType: "popular", sourceIds: ["*"] },
    ])
  })
})
