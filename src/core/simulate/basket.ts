/**
 * What goes into one simulated order
 * ----------------------------------
 * - Slots: 1 + Poisson(BEHAVIOUR.basketExtraMean).
 * - Each slot re-buys one of the consumables the customer bought before (uniformly) with
 *   probability BEHAVIOUR.reorderChance, when there is one; otherwise it picks a category by
 *   the customer's taste and a product of it by popularity. A product already in the basket
 *   leaves the slot empty.
 * - Then each complement of a picked product joins with probability
 *   BEHAVIOUR.complementChance (once; complements of complements are not followed).
 * - Quantities: 1 to 6, mostly 1-3, consumables more often 2 or 3.
 * Consumables bought here join the customer's pantry for later re-buys.
 */
import type { Random } from "../random"
import { BEHAVIOUR } from "./behaviour"
import type { Catalog } from "./catalog"
import { cumulativeWeights, pickCumulative, samplePoisson } from "./distributions"

export interface BasketLine {
  /** Index into catalog.products. */
  product: number
  quantity: number
}

const CONSUMABLE_QUANTITIES = cumulativeWeights(BEHAVIOUR.consumableQuantities)
const OTHER_QUANTITIES = cumulativeWeights(BEHAVIOUR.otherQuantities)

/** The lines of one order; adds newly bought consumables to `pantry`. */
export function fillBasket(
  catalog: Catalog,
  preferenceTotals: Float64Array,
  pantry: number[],
  random: Random,
): BasketLine[] {
  const picked: number[] = []
  const slots = 1 + samplePoisson(BEHAVIOUR.basketExtraMean, random)
  for (let slot = 0; slot < slots; slot++) {
    const product =
      pantry.length > 0 && random.next() < BEHAVIOUR.reorderChance
        ? pantry[random.int(pantry.length)]
        : freshPick(catalog, preferenceTotals, random)
    if (!picked.includes(product)) picked.push(product)
  }
  const chosen = picked.slice()
  for (const product of picked) {
    for (const partner of catalog.complements[product]) {
      if (!chosen.includes(partner) && random.next() < BEHAVIOUR.complementChance) chosen.push(partner)
    }
  }
  return chosen.map((product) => {
    const consumable = catalog.products[product].consumable
    if (consumable && !pantry.includes(product)) pantry.push(product)
    const quantity = 1 + pickCumulative(consumable ? CONSUMABLE_QUANTITIES : OTHER_QUANTITIES, random)
    return { product, quantity }
  })
}

function freshPick(catalog: Catalog, preferenceTotals: Float64Array, random: Random): number {
  const category = pickCumulative(preferenceTotals, random)
  return catalog.byCategory[category][pickCumulative(catalog.popularity[category], random)]
}
