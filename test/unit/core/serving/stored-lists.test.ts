import { Readable } from "node:stream"
import { InvalidInputError } from "../../../../src/core/errors"
import { readRequests, type ParsedRequest } from "../../../../src/core/serving/request-file"
import { answerRequest, indexStoredLists } from "../../../../src/core/serving/stored-lists"

const lists = indexStoredLists([
  { sourceType: "bought_together", sourceId: "A", productId: "B", score: 0.8 },
  { sourceType: "bought_together", sourceId: "A", productId: "C", score: 0.4 },
  { sourceType: "bought_together", sourceId: "B", productId: "A", score: 2 },
  { sourceType: "bought_together", sourceId: "B", productId: "D", score: 1 },
  { sourceType: "customer", sourceId: "cus_1", productId: "A", score: 3 },
  { sourceType: "customer", sourceId: "cus_1", productId: "E", score: 1.5 },
  { sourceType: "customer_new", sourceId: "cus_1", productId: "E", score: 1.5 },
  { sourceType: "popular", sourceId: "*", productId: "P", score: 9 },
  { sourceType: "popular", sourceId: "*", productId: "A", score: 8 },
  { sourceType: "popular", sourceId: "*", productId: "Q", score: 7 },
])
const ids = (items: { productId: string }[]) => items.map((i) => i.productId)

describe("answerRequest", () => {
  it("completes a cart from its items' bought-together lists, each scaled to 1, never returning the cart", () => {
    // from A: B 1.0, C 0.5; from B: A 1.0 (in the cart), D 0.5 -> B is in the cart too
    const items = answerRequest(lists, { productIds: ["A", "B"] }, { limit: 3, excludePurchased: false })
    expect(items).toEqual([
      { productId: "C", score: 0.5 },
      { productId: "D", score: 0.5 },
      { productId: "P", score: 0 },
    ])
  })

  it("gives a known customer their list, with or without past purchases", () => {
    expect(ids(answerRequest(lists, { customerId: "cus_1", productIds: [] }, { limit: 2, excludePurchased: false }))).toEqual(["A", "E"])
    expect(ids(answerRequest(lists, { customerId: "cus_1", productIds: [] }, { limit: 2, excludePurchased: true }))).toEqual(["E", "P"])
  })

  it("gives an unknown customer with no cart the popular list", () => {
    expect(ids(answerRequest(lists, { customerId: "nobody", productIds: [] }, { limit: 2, excludePurchased: false }))).toEqual(["P", "A"])
  })

  it("blends a customer's list with their cart", () => {
    const items = answerRequest(lists, { customerId: "cus_1", productIds: ["A"] }, { limit: 4, excludePurchased: false })
    expect(ids(items)).toEqual(["B", "C", "E", "P"])
    expect(items[2].score).toBeCloseTo(0.5, 12)
  })
})

async function read(text: string) {
  const requests: ParsedRequest[] = []
  const result = await readRequests(Readable.from([text]), (r) => requests.push(r))
  return { ...result, requests }
}

describe("readRequests", () => {
  it("reads carts, customers and both, with \\n or \\r\\n line endings", async () => {
    const { requests, problems } = await read("request_id,customer_id,product_ids\r\nr1,cus_1,\r\nr2,,A|B\nr3,cus_2,C\n")
    expect(problems).toEqual([])
    expect(requests).toEqual([
      { requestId: "r1", customerId: "cus_1", productIds: [] },
      { requestId: "r2", customerId: undefined, productIds: ["A", "B"] },
      { requestId: "r3", customerId: "cus_2", productIds: ["C"] },
    ])
  })

  it("reports malformed rows with their line and answers the rest", async () => {
    const { requests, problems } = await read("request_id,customer_id,product_ids\nr1,cus_1\n,cus_2,\nr3,,A||B\nr4,,A\n")
    expect(requests.map((r) => r.requestId)).toEqual(["r4"])
    expect(problems).toEqual([
      { line: 2, message: "expected 3 fields, got 2" },
      { line: 3, message: "request_id is empty" },
      { line: 4, message: 'product_ids has an empty id: "A||B"' },
    ])
  })

  it("rejects a file without the header", async () => {
    await expect(read("id,customer,cart\n1,2,3\n")).rejects.toThrow(InvalidInputError)
    await expect(read("")).rejects.toThrow("the requests file is empty")
  })
})
