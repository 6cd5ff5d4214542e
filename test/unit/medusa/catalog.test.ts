import { readCatalog } from "../../../src/medusa/catalog"
import type { GraphQuery, GraphRequest } from "../../../src/medusa/graph-query"

const products = [
  { id: "prod_1", title: "Shirt", handle: "shirt", thumbnail: "https://cdn.test/shirt.png", status: "published", sales_channels: [{ id: "sc_web" }] },
  { id: "prod_2", title: "Draft hat", handle: "hat", thumbnail: null, status: "draft", sales_channels: [{ id: "sc_web" }] },
  { id: "prod_3", title: "Scarf", handle: "scarf", thumbnail: null, status: "published", sales_channels: [{ id: "sc_shop" }, null] },
  { id: "prod_4", title: "Socks", handle: "socks", thumbnail: null, status: "published", sales_channels: [{ id: "sc_web" }, { id: "sc_shop" }] },
]

function productQuery() {
  const requests: GraphRequest[] = []
  const query: GraphQuery = {
    async graph(request) {
      requests.push(request)
      const status = request.filters?.status
      const rows = products.filter((p) => status === undefined || p.status === status)
      const { skip = 0, take = rows.length } = request.pagination ?? {}
      return { data: rows.slice(skip, skip + take) }
    },
  }
  return { query, requests }
}

describe("readCatalog", () => {
  it("lists published products with what a storefront renders", async () => {
    const { query, requests } = productQuery()
    const catalog = await readCatalog(query, { pageSize: 2 })
    expect(catalog).toEqual([
      { id: "prod_1", title: "Shirt", handle: "shirt", thumbnail: "https://cdn.test/shirt.png", status: "published", salesChannelIds: ["sc_web"] },
      { id: "prod_3", title: "Scarf", handle: "scarf", thumbnail: null, status: "published", salesChannelIds: ["sc_shop"] },
      { id: "prod_4", title: "Socks", handle: "socks", thumbnail: null, status: "published", salesChannelIds: ["sc_web", "sc_shop"] },
    ])
    expect(requests.map((r) => r.pagination?.skip)).toEqual([0, 2])
    expect(requests[0]).toMatchObject({ entity: "product", filters: { status: "published" } })
  })

  it("keeps only the products of a sales channel", async () => {
    const catalog = await readCatalog(productQuery().query, { salesChannelId: "sc_shop" })
    expect(catalog.map((p) => p.id)).toEqual(["prod_3", "prod_4"])
  })

  it("refuses a page size below 1", async () => {
    await expect(readCatalog(productQuery().query, { pageSize: 0 })).rejects.toThrow(RangeError)
  })
})
