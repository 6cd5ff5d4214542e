/**
 * Item-to-item recommendations from co-occurrence: "bought_together" counts products in the
 * same order, "similar" products bought by the same customer (contexts.ts); scores are
 * normalised counts (similarity.ts) and every product keeps its top-K neighbours
 * (neighbour-table.ts). A cart sums the lists of its products. Lists are filled up with
 * popular products (popularity.ts).
 */
import type { OrderHistory } from "../data/types"
import type { SerializedEstimator } from "../learners/types"
import { customerContexts, orderContexts } from "./contexts"
import { resolveFitInput, type FitOptions } from "./fit-input"
import type { IndexedHistory } from "./indexed-history"
import {
  itemToItemDefaults,
  validateItemToItemOptions,
  type ItemToItemKind,
  type ItemToItemOptions,
} from "./item-to-item-options"
import { neighbourStateFromJSON, neighbourStateToJSON, type NeighbourState } from "./item-to-item-format"
import { fillUp, type RecommendationList, type ScoredProduct } from "./lists"
import { buildNeighbourTable, type NeighbourTable } from "./neighbour-table"
import { checkListLength } from "./option-checks"
import { PopularityRecommender } from "./popularity"
import { ScoreAccumulator } from "./score-accumulator"
import { fromStoredParams } from "./serialized"

export const ITEM_TO_ITEM_TYPE = "item-to-item-recommender"
export const ITEM_TO_ITEM_VERSION = 1

/** A fitted model's neighbour lists by product number, for recommenders built on top of it. */
export interface NeighbourLists {
  productIds: readonly string[]
  productIndex: ReadonlyMap<string, number>
  table: NeighbourTable
}

interface FittedItemToItem extends NeighbourLists {
  asOf: number
  popularity: PopularityRecommender
  /** Reused by every query (queries run one at a time). */
  scratch: ScoreAccumulator
}

export class ItemToItemRecommender {
  readonly options: ItemToItemOptions
  private readonly popularityModel: PopularityRecommender
  private state: FittedItemToItem | null = null

  constructor(options: Partial<ItemToItemOptions> & { kind: ItemToItemKind }) {
    this.options = validateItemToItemOptions({ ...itemToItemDefaults(options.kind), ...options })
    this.popularityModel = new PopularityRecommender(this.options.popularity)
  }

  /** Learns the neighbour lists and the popular fallback from `history`. */
  fit(history: OrderHistory | IndexedHistory, fitOptions: FitOptions = {}): this {
    const { indexed, asOf } = resolveFitInput(history, fitOptions)
    const { kind, halfLifeDays, maxContextItems, contextSizeExponent } = this.options
    const contextOptions = { asOf, halfLifeDays, maxContextItems, contextSizeExponent }
    const contexts = kind === "similar" ? customerContexts(indexed, contextOptions) : orderContexts(indexed, contextOptions)
    this.state = {
      asOf,
      productIds: indexed.productIds,
      productIndex: indexed.productIndex,
      table: buildNeighbourTable(contexts, indexed.productIds.length, this.options),
      popularity: this.popularityModel.fit(indexed, { asOf }),
      scratch: new ScoreAccumulator(indexed.productIds.length),
    }
    return this
  }

  private fitted(): FittedItemToItem {
    if (this.state === null) throw new Error("ItemToItemRecommender is not fitted: call fit() or fromJSON() first")
    return this.state
  }

  /** The fitted neighbour lists by product number. */
  neighbourLists(): NeighbourLists {
    const { productIds, productIndex, table } = this.fitted()
    return { productIds, productIndex, table }
  }

  /** The popular fallback fitted with the neighbours. */
  popularity(): PopularityRecommender {
    return this.fitted().popularity
  }

  /** Reference time of the fit (epoch ms). */
  asOf(): number {
    return this.fitted().asOf
  }

  /** The product's n best neighbours, filled up with popular products; popular ones alone for an unknown product. */
  forProduct(productId: string, n: number): ScoredProduct[] {
    return this.forCart([productId], n)
  }

  /**
   * Basket completion: score(j) = Σ_{i in cart} s(i → j) over the cart's known products; never
   * returns a product of the cart; filled up with popular products.
   */
  forCart(cart: readonly string[], n: number): ScoredProduct[] {
    checkListLength(n)
    const { productIds, productIndex, table, popularity, scratch: accumulator } = this.fitted()
    const inCart = new Set(cart)
    const sources: number[] = []
    for (const productId of inCart) {
      const source = productIndex.get(productId)
      if (source === undefined) continue
      sources.push(source)
      for (let at = table.start[source]; at < table.start[source + 1]; at++) accumulator.add(table.ids[at], table.scores[at])
    }
    for (const source of sources) accumulator.exclude(source)
    const items = accumulator.best(n).map(({ product, score }) => ({ productId: productIds[product], score }))
    accumulator.clear()
    return fillUp(items, n, popularity.fallback(), (productId) => inCart.has(productId))
  }

  /** The stored top-n of every product of the catalogue, in product order. */
  topNForAllProducts(n: number): RecommendationList[] {
    checkListLength(n)
    const { productIds, table, popularity } = this.fitted()
    return productIds.map((sourceId, source) => {
      const items: ScoredProduct[] = []
      const end = Math.min(table.start[source + 1], table.start[source] + n)
      for (let at = table.start[source]; at < end; at++) {
        items.push({ productId: productIds[table.ids[at]], score: table.scores[at] })
      }
      return { sourceId, items: fillUp(items, n, popularity.fallback(), (productId) => productId === sourceId) }
    })
  }

  toJSON(): SerializedEstimator<Omit<ItemToItemOptions, "popularity">, NeighbourState> {
    const { popularity, ...params } = this.options
    const state = this.fitted()
    return {
      type: ITEM_TO_ITEM_TYPE,
      version: ITEM_TO_ITEM_VERSION,
      params,
      state: neighbourStateToJSON(state.asOf, state.productIds, state.table, state.popularity.toJSON()),
    }
  }

  static fromJSON(json: SerializedEstimator): ItemToItemRecommender {
    const { params, asOf, productIds, table, popularity } = neighbourStateFromJSON(json, ITEM_TO_ITEM_TYPE, ITEM_TO_ITEM_VERSION)
    const model = fromStoredParams(
      ITEM_TO_ITEM_TYPE,
      () => new ItemToItemRecommender({ ...params, popularity: popularity.options }),
    )
    model.state = {
      asOf,
      productIds,
      productIndex: new Map(productIds.map((id, at) => [id, at])),
      table,
      popularity,
      scratch: new ScoreAccumulator(productIds.length),
    }
    return model
  }
}
