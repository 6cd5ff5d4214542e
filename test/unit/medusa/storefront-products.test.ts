import { readCartProductIds } from "../../../src/medusa/cart-products"
import type { GraphQuery, GraphRequest } from "../../../src/medusa/graph-query"
import { isShownIn, readShownProducts } from "../../../src/medusa/storefront-products"

const products = [
  { id: "prod_1", title: "Shirt", handle: "shirt", thumbnail: "https://cdn.test/shirt.png", status: "published", sales_channels: [{ id: "sc_web" }] },
  { id: "prod_2", title: "Draft hat", handle: "hat", thumbnail: null, status: "draft", sales_channels: [{ id: "sc_web" }] },
  { id: "prod_3", title: "Scarf", handle: "scarf", thumbnail: null, status: "published", sales_channels: [{ id: "sc_shop" }, null] },
  { id: "prod_4", title: "Socks", handle: "socks", thumbnail: null, status: "published", sales_channels: [{ id: "sc_web" }, { id: "sc_shop" }] },
  { id: "prod_5", title: "Belt", handle: "belt", thumbnail: null, status: "published", sales_channels: [] },
]
const carts = [
  { id: "cart_1", items: [{ product_id: "prod_3" }, { product_id: "prod_1" }, { product_id: "prod_3" }, { product_id: null }, null] },
  { id: "cart_empty", items: [] },
]

/** A Query over the hand-made products and carts, applying id and status filters as Medusa does. */
function handMadeQuery() {
  const requests: GraphRequest[] = []
  const query: GraphQuery = {
    async graph(request) {
      requests.push(request)
      const rows: Array<{ id: string; status?: string }> = request.entity === "cart" ? carts : products
      const { id, status } = (request.filters ?? {}) as { id?: string | string[]; status?: string }
      const ids = id === undefined ? null : Array.isArray(id) ? id : [id]
      const matching = rows.filter((r) => (ids === null || ids.includes(r.id)) && (status === undefined || r.status === status))
      const { skip = 0, take = matching.length } = request.pagination ?? {}
      return { data: matching.slice(skip, skip + take) }
    },
  }
  return { query, requests }
}

describe("isShownIn", () => {
  it("shows a published product in one of the key's channels only", () => {
    expect(isShownIn({ status: "published", salesChannelIds: ["sc_a", "sc_b"] }, ["sc_b"])).toBe(true)
    expect(isShownIn({ status: "published", salesChannelIds: ["sc_a"] }, ["sc_b"])).toBe(false)
    expect(isShownIn({ status: "draft", salesChannelIds: ["sc_b"] }, ["sc_b"])).toBe(false)
    expect(isShownIn({ status: "published", salesChannelIds: [] }, ["sc_b"])).toBe(false)
    expect(isShownIn({ status: "published", salesChannelIds: ["sc_b"] }, [])).toBe(false)
  })
})

describe("readShownProducts", () => {
  it("keeps the published products of the channels, with what a storefront renders", async () => {
    const { query, requests } = handMadeQuery()
    const shown = await readShownProducts(query, ["prod_1", "prod_2", "prod_3", "prod_4", "prod_5", "prod_unknown"], ["sc_web"])
    expect([...shown.values()]).toEqual([
      { id: "prod_1", title: "Shirt", handle: "shirt", thumbnail: "https://cdn.test/shirt.png" },
      { id: "prod_4", title: "Socks", handle: "socks", thumbnail: null },
    ])
    expect(requests).toHaveLength(1)
    expect(requests[0]).toMatchObject({ entity: "product", filters: { status: "published" } })
  })

  it("reads each product once, in calls of at most 200 ids", async () => {
    const { query, requests } = handMadeQuery()
    const ids = [...Array.from({ length: 450 }, (_, i) => `prod_x${i}`), "prod_3", "prod_3"]
    const shown = await readShownProducts(query, ids, ["sc_shop"])
    expect([...shown.keys()]).toEqual(["prod_3"])
    expect(requests.map((r) => (r.filters?.id as string[]).length)).toEqual([200, 200, 51])
  })

  it("shows nothing, without asking, to a key without channels", async () => {
    const { query, requests } = handMadeQuery()
    expect((await readShownProducts(query, ["prod_1"], [])).size).toBe(0)
    expect(requests).toEqual([])
  })
})

describe("readCartProductIds", () => {
  it("gives the distinct products of a cart's items, in item order", async () => {
    const { query, requests } = handMadeQuery()
    expect(await readCartProductIds(query, "cart_1")).toEqual(["prod_3", "prod_1"])
    expect(requests[0]).toMatchObject({ entity: "cart", fields: ["id", "items.product_id"], filters: { id: "cart_1" } })
    expect(await readCartProductIds(query, "cart_empty")).toEqual([])
  })

  it("tells an unknown cart apart from an empty one", async () => {
    expect(await readCartProductIds(handMadeQuery().query, "cart_unknown")).toBeNull()
  })
})
