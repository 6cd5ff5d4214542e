/**
 * The simulated catalogue
 * -----------------------
 * - Products are spread over the categories of categories.ts in proportion to their
 *   demand share (at least one each); product k of a category is brand k / items of item
 *   k mod items ("Cedar Burr Grinder"), with " No. n" once brands run out.
 * - Price: log-normal around the item's median with the category's spread, rounded to
 *   a whole amount minus 0.01 (at least 0.99). Prices are in the base currency (USD).
 * - Popularity within a category is Zipf-like, 1 / rank^s, over a random ranking.
 * - Complements: a share of products anchor a group of 2 or 3 (BEHAVIOUR.groupedShare,
 *   tripleShare); partners come from the anchor's category or its related category and are
 *   not in another group. Buying one member makes the others likely (basket.ts).
 * - Ids are "prod_0000" onwards in a random order, so an id says nothing about the category.
 */
import { shuffled, type Random } from "../random"
import { BEHAVIOUR } from "./behaviour"
import { BRANDS, CATEGORIES, type CategorySpec } from "./categories"
import { cumulativeWeights, sampleLogNormal } from "./distributions"

/** A product of the simulated store, with the ground truth behind its sales. */
export interface SimulatedProduct {
  id: string
  title: string
  category: string
  /** Price in the base currency (USD); other currencies apply their country's priceFactor. */
  price: number
  /** Customers who bought it come back for it (BEHAVIOUR.reorderChance). */
  consumable: boolean
  /** Ids of the products often bought in the same order as this one. */
  complements: string[]
}

export interface Catalog {
  /** In id order; a product's index is its position here. */
  products: SimulatedProduct[]
  /** Product indices of each category, in CATEGORIES order. */
  byCategory: number[][]
  /** Running totals of popularity over byCategory[c]. */
  popularity: Float64Array[]
  /** Indices of each product's complements. */
  complements: number[][]
}

/** Rounds a price to a whole amount minus 0.01, at least 0.99. */
export function shelfPrice(amount: number): number {
  return Math.max(Math.round(amount), 1) - 0.01
}

export function buildCatalog(productCount: number, random: Random): Catalog {
  const counts = allocate(productCount, CATEGORIES.map((category) => category.share))
  const drafts: { category: number; title: string; price: number; consumable: boolean }[] = []
  CATEGORIES.forEach((category, c) => {
    for (let k = 0; k < counts[c]; k++) drafts.push({ category: c, ...describe(category, k, random) })
  })
  const order = shuffled(drafts, random)
  const width = Math.max(4, String(productCount - 1).length)
  const byCategory: number[][] = CATEGORIES.map(() => [])
  const products = order.map((draft, index): SimulatedProduct => {
    byCategory[draft.category].push(index)
    return {
      id: `prod_${String(index).padStart(width, "0")}`,
      title: draft.title,
      category: CATEGORIES[draft.category].name,
      price: draft.price,
      consumable: draft.consumable,
      complements: [],
    }
  })
  const popularity = byCategory.map((members) => {
    const ranks = shuffled(members.map((_, rank) => rank), random)
    return cumulativeWeights(ranks.map((rank) => 1 / Math.pow(rank + 1, BEHAVIOUR.popularityExponent)))
  })
  const complements = groupComplements(products.length, byCategory, random)
  complements.forEach((partners, index) => {
    products[index].complements = partners.map((partner) => products[partner].id)
  })
  return { products, byCategory, popularity, complements }
}

function describe(category: CategorySpec, k: number, random: Random) {
  const { items, priceSpread } = category
  const item = items[k % items.length]
  const brandRound = Math.floor(k / items.length)
  const edition = Math.floor(brandRound / BRANDS.length)
  const title = `${BRANDS[brandRound % BRANDS.length]} ${item.name}${edition > 0 ? ` No. ${edition + 1}` : ""}`
  const price = shelfPrice(sampleLogNormal(item.median, priceSpread, random))
  return { title, price, consumable: item.consumable }
}

/** Largest-remainder split of `total` in proportion to `shares`, at least 1 each (total >= shares.length). */
function allocate(total: number, shares: readonly number[]): number[] {
  const sum = shares.reduce((a, b) => a + b, 0)
  const exact = shares.map((share) => (total * share) / sum)
  const counts = exact.map((value) => Math.max(1, Math.floor(value)))
  let assigned = counts.reduce((a, b) => a + b, 0)
  const byRemainder = exact
    .map((value, c) => ({ c, remainder: value - counts[c] }))
    .sort((x, y) => y.remainder - x.remainder)
  for (let i = 0; assigned < total; i = (i + 1) % byRemainder.length) {
    counts[byRemainder[i].c]++
    assigned++
  }
  for (let i = byRemainder.length - 1; assigned > total; i = (i + byRemainder.length - 1) % byRemainder.length) {
    const c = byRemainder[i].c
    if (counts[c] > 1) {
      counts[c]--
      assigned--
    }
  }
  return counts
}

function groupComplements(productCount: number, byCategory: number[][], random: Random): number[][] {
  const categoryIndex = new Map(CATEGORIES.map((category, c) => [category.name, c]))
  const categoryOf = new Int32Array(productCount)
  byCategory.forEach((members, c) => members.forEach((index) => (categoryOf[index] = c)))
  // Candidate partners per category, drawn from the end; grouped products are skipped lazily.
  const pools = byCategory.map((members) => shuffled(members, random))
  const grouped = new Uint8Array(productCount)
  const complements: number[][] = Array.from({ length: productCount }, () => [])

  const takePartner = (c: number, anchor: number): number | undefined => {
    const pool = pools[c]
    for (let candidate = pool.pop(); candidate !== undefined; candidate = pool.pop()) {
      if (grouped[candidate] === 0 && candidate !== anchor) return candidate
    }
    return undefined
  }

  for (let anchor = 0; anchor < productCount; anchor++) {
    if (grouped[anchor] === 1 || random.next() >= BEHAVIOUR.groupedShare) continue
    const own = categoryOf[anchor]
    const related = categoryIndex.get(CATEGORIES[own].related) ?? own
    const size = random.next() < BEHAVIOUR.tripleShare ? 3 : 2
    const group = [anchor]
    for (let k = 1; k < size; k++) {
      const partner = takePartner(random.next() < BEHAVIOUR.sameCategoryPartner ? own : related, anchor)
      if (partner !== undefined) group.push(partner)
    }
    if (group.length < 2) continue
    for (const member of group) {
      grouped[member] = 1
      complements[member] = group.filter((other) => other !== member)
    }
  }
  return complements
}
