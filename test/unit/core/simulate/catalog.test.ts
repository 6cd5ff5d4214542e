import { createRandom } from "../../../../src/core/random"
import { buildCatalog, shelfPrice } from "../../../../src/core/simulate/catalog"
import { CATEGORIES } from "../../../../src/core/simulate/categories"

describe("simulated catalogue", () => {
  it("rounds shelf prices to a whole amount minus 0.01, at least 0.99", () => {
    expect(shelfPrice(13.2)).toBe(12.99)
    expect(shelfPrice(13.5)).toBe(13.99)
    expect(shelfPrice(0.3)).toBe(0.99)
  })

  it("gives every category a product, even with one product per category", () => {
    const { products, byCategory } = buildCatalog(CATEGORIES.length, createRandom(1))
    expect(byCategory.map((members) => members.length)).toEqual(CATEGORIES.map(() => 1))
    expect(new Set(products.map((p) => p.category)).size).toBe(CATEGORIES.length)
  })

  it("splits products by demand share and widens ids past 10,000 products", () => {
    const small = buildCatalog(1000, createRandom(2))
    expect(small.byCategory.map((members) => members.length)).toEqual(CATEGORIES.map((c) => Math.round(1000 * c.share)))
    expect(small.products[999].id).toBe("prod_0999")
    expect(buildCatalog(10_001, createRandom(2)).products[10_000].id).toBe("prod_10000")
  })

  it("links complements both ways in groups of 2 or 3, within a category or its related one", () => {
    const { products } = buildCatalog(400, createRandom(3))
    const byId = new Map(products.map((p) => [p.id, p]))
    const relatedOf = new Map(CATEGORIES.map((c) => [c.name, c.related]))
    const grouped = products.filter((p) => p.complements.length > 0)
    expect(grouped.length).toBeGreaterThan(80)
    expect(grouped.length).toBeLessThan(240)
    for (const product of grouped) {
      expect(product.complements.length).toBeLessThanOrEqual(2)
      for (const id of product.complements) {
        const partner = byId.get(id)
        expect(partner?.complements).toContain(product.id)
        expect(partner?.complements.length).toBe(product.complements.length)
        const allowed = [product.category, relatedOf.get(product.category), relatedOf.get(partner?.category ?? "")]
        expect(allowed).toContain(partner?.category)
      }
    }
  })

  it("prices products log-normally around their item's median", () => {
    const { products } = buildCatalog(4000, createRandom(4))
    const grinders = products.filter((p) => p.title.includes("Burr Grinder")).map((p) => p.price)
    grinders.sort((a, b) => a - b)
    const median = grinders[Math.floor(grinders.length / 2)]
    expect(grinders.length).toBeGreaterThan(50)
    expect(median).toBeGreaterThan(85)
    expect(median).toBeLessThan(105)
  })
})
