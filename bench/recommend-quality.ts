/**
 * Recommendation quality on UCI Online Retail with the protocols of ../shared/datasets/README.md:
 * fit on the clean lines before 2011-09-10, judge on the 90 days after. Tuning happens inside
 * tuneRecommenders, on the 90 days before the cutoff; the evaluation window is only used for
 * the figures. Beside our tuned recommenders, the baselines are computed by our own code on
 * the same split: popularity and plain customer × product item-item cosine on every protocol,
 * buy-again by invoices with repeats allowed, invoice-level cosine on baskets.
 * Used by `npm run bench:recommend` (prints) and by test/quality (asserts the bars).
 */
import { createReadStream } from "node:fs"
import { buildOrderHistory, orderKey, readOrders, type OrderHistory, type OrderLine } from "../src/core/data"
import { createRandom } from "../src/core/random"
import {
  buildRecommendationCases,
  evaluateBasketCompletion,
  evaluateForYou,
  ItemToItemRecommender,
  summarizeRankings,
  tuneRecommenders,
  type ItemToItemOptions,
  type RankingSummary,
  type RecommendationCases,
  type TunedRecommenders,
} from "../src/core/recommend"
import { TopK } from "../src/core/recommend/top-k"
import { datasetFile } from "./datasets"
import { DAY_MS } from "../src/core/time"

const CUTOFF_DAY = "2011-09-10"
const CUTOFF = Date.parse(CUTOFF_DAY)
const WINDOW_DAYS = 90
const K = 10
const SEED = 7

type Metric = "precision" | "recall" | "ndcg" | "hitRate" | "mrr" | "coverage"
/** What ../shared/datasets/README.md gives for each baseline (scikit-learn 1.2.1, same protocols). */
export type ReadmeFigures = Partial<Record<Metric, number>>

export const README_BASELINES = {
  newItems: {
    popularity: { precision: 0.047, recall: 0.019, ndcg: 0.05, hitRate: 0.323, coverage: 0.018 },
    cosine: { precision: 0.085, recall: 0.044, ndcg: 0.099, hitRate: 0.443, coverage: 0.267 },
  },
  repeats: { popularity: { ndcg: 0.111 }, cosine: { ndcg: 0.228 }, buyAgain: { ndcg: 0.376, hitRate: 0.83 } },
  baskets: {
    popularity: { hitRate: 0.041 },
    cosine: { hitRate: 0.166 },
    invoiceCosine: { hitRate: 0.194, ndcg: 0.113, mrr: 0.088 },
  },
} satisfies Record<string, Record<string, ReadmeFigures>>

/** One protocol: our tuned recommender beside the popularity and customer-level cosine baselines. */
export interface ProtocolFigures {
  ours: RankingSummary
  popularity: RankingSummary
  cosine: RankingSummary
}

export interface RecommendationQualityFigures {
  cutoff: string
  windowDays: number
  k: number
  seed: number
  cases: { newItems: number; repeatsAllowed: number; baskets: number; catalogueSize: number }
  /** @10, the customer's past products excluded from the candidates. */
  newItems: ProtocolFigures
  /**
   * @10, everything bought in the window counts; buyAgain = the customer's products by invoice
   * count, ties to the product sold first, popular products filling up.
   */
  repeats: ProtocolFigures & { buyAgain: RankingSummary }
  /** @10, the last product of each window order hidden; invoiceCosine = cosine over orders. */
  baskets: ProtocolFigures & { invoiceCosine: RankingSummary }
  tuning: {
    validationCases: { newItems: number; repeatsAllowed: number; baskets: number }
    validation: { boughtTogetherHitRate?: number; newItemsNdcg?: number; repeatsNdcg?: number }
    chosen: { boughtTogether: object; forYou: object }
    serializedMb: { boughtTogether: number; forYou: number }
  }
  /**
   * Wall seconds: reading the file; building each recommender on the lines before the cutoff
   * (tuned = tuneRecommenders' 3 searches × 12 trials and the refit of both chosen models, of
   * which refit); evaluating them all.
   */
  seconds: Record<"read" | "tuned" | "refit" | "popularity" | "cosine" | "invoiceCosine" | "evaluation", number>
}

/** Plain binary item-item cosine: no decay, no size factor, no reshaping, every neighbour kept. */
const PLAIN_COSINE: Omit<ItemToItemOptions, "kind" | "popularity"> = {
  normalisation: "cosine", damping: 0.5, halfLifeDays: null, sharpening: 1, listNormalisation: "none",
  minSupport: 1, neighbours: 10_000, maxContextItems: 1_000_000, contextSizeExponent: 0,
}

interface Baselines {
  popular: { byCustomers: string[]; byOrders: string[] }
  /** Customer × product cosine ("similar" contexts). */
  cosine: ItemToItemRecommender
  /** Order × product cosine ("bought_together" contexts). */
  invoiceCosine: ItemToItemRecommender
}

function pastProducts(train: OrderHistory): Map<string, string[]> {
  const past = new Map<string, Set<string>>()
  for (const line of train.lines) past.set(line.customerId, (past.get(line.customerId) ?? new Set()).add(line.productId))
  return new Map(Array.from(past, ([customerId, products]) => [customerId, Array.from(products)]))
}

/** The first k products of `ranking` that `excluded` lets through. */
function firstAllowed(ranking: readonly string[], k: number, excluded: (productId: string) => boolean): string[] {
  const kept: string[] = []
  for (const productId of ranking) {
    if (kept.length === k) break
    if (!excluded(productId)) kept.push(productId)
  }
  return kept
}

/**
 * Cosine with repeats allowed: score_j = Σ_{i bought, i ≠ j} cos(i, j) over every product j,
 * those bought included; ties go to the lower product number, popular products fill up.
 * `scores` is a zeroed scratch array of catalogue size, left zeroed.
 */
function cosineWithRepeats(
  model: ItemToItemRecommender,
  bought: readonly string[],
  popular: readonly string[],
  scores: Float64Array,
): string[] {
  const { productIds, productIndex, table } = model.neighbourLists()
  const touched: number[] = []
  for (const productId of bought) {
    const source = productIndex.get(productId)
    if (source === undefined) continue
    for (let at = table.start[source]; at < table.start[source + 1]; at++) {
      const product = table.ids[at]
      if (scores[product] === 0) touched.push(product)
      scores[product] += table.scores[at]
    }
  }
  const best = new TopK(K)
  for (const product of touched) {
    best.offer(product, scores[product])
    scores[product] = 0
  }
  const ranked: string[] = []
  best.drain((product) => ranked.push(productIds[product]))
  const listed = new Set(ranked)
  return ranked.concat(firstAllowed(popular, K - ranked.length, (productId) => listed.has(productId)))
}

function seconds<T>(build: () => T): { value: T; seconds: number } {
  const started = performance.now()
  const value = build()
  return { value, seconds: (performance.now() - started) / 1000 }
}

/**
 * The README's popularity: products by the number of distinct customers (customer protocols) or
 * of distinct orders (baskets) holding them, ties by product id. (PopularityRecommender counts
 * orders: on the repeats it scores 0.120 NDCG here against the README's 0.111.)
 */
function popularBy(train: OrderHistory, contextOf: (line: OrderLine) => string): string[] {
  const contexts = new Map<string, Set<string>>()
  for (const line of train.lines) {
    contexts.set(line.productId, (contexts.get(line.productId) ?? new Set()).add(contextOf(line)))
  }
  return Array.from(contexts, ([productId, holding]) => ({ productId, count: holding.size }))
    .sort((a, b) => b.count - a.count || (a.productId < b.productId ? -1 : 1))
    .map((item) => item.productId)
}

function buildBaselines(train: OrderHistory) {
  const popular = seconds(() => ({
    byCustomers: popularBy(train, (line) => line.customerId),
    byOrders: popularBy(train, orderKey),
  }))
  const cosine = seconds(() => new ItemToItemRecommender({ kind: "similar", ...PLAIN_COSINE }).fit(train, { asOf: CUTOFF }))
  const invoiceCosine = seconds(() =>
    new ItemToItemRecommender({ kind: "bought_together", ...PLAIN_COSINE }).fit(train, { asOf: CUTOFF }),
  )
  const baselines: Baselines = { popular: popular.value, cosine: cosine.value, invoiceCosine: invoiceCosine.value }
  const fitSeconds = { popularity: popular.seconds, cosine: cosine.seconds, invoiceCosine: invoiceCosine.seconds }
  return { baselines, seconds: fitSeconds }
}

function evaluateAll(train: OrderHistory, cases: RecommendationCases, tuned: TunedRecommenders, baselines: Baselines) {
  const { catalogueSize } = cases
  const { indexed } = tuned
  const past = pastProducts(train)
  const pastOf = (customerId: string): string[] => past.get(customerId) ?? []
  const summary = (ranked: { ranked: string[]; truth: ReadonlySet<string> }[]) => summarizeRankings(ranked, K, catalogueSize)
  const { cosine, invoiceCosine } = baselines
  const { byCustomers: popular, byOrders: popularInOrders } = baselines.popular

  const newItems: ProtocolFigures = {
    ours: evaluateForYou(tuned.forYou, indexed, cases.newItems, { k: K, excludePurchased: true, catalogueSize }),
    popularity: summary(
      cases.newItems.map(({ customerId, truth }) => {
        const bought = new Set(pastOf(customerId))
        return { ranked: firstAllowed(popular, K, (productId) => bought.has(productId)), truth }
      }),
    ),
    // Summing the cosine lists of the customer's past products and excluding them is a cart of them.
    cosine: summary(
      cases.newItems.map(({ customerId, truth }) => ({
        ranked: cosine.forCart(pastOf(customerId), K).map((item) => item.productId),
        truth,
      })),
    ),
  }

  const scoring = { blendWeight: 1, buyAgainHalfLifeDays: null, repeatRateExponent: 0, trendExponent: 0 }
  const buyAgainOnly = tuned.forYou.withScoring(scoring)
  const scratch = new Float64Array(catalogueSize)
  const repeatOptions = { k: K, excludePurchased: false, catalogueSize }
  const repeats = {
    ours: evaluateForYou(tuned.forYou, indexed, cases.repeatsAllowed, repeatOptions),
    popularity: summary(cases.repeatsAllowed.map(({ truth }) => ({ ranked: popular.slice(0, K), truth }))),
    cosine: summary(
      cases.repeatsAllowed.map(({ customerId, truth }) => ({
        ranked: cosineWithRepeats(cosine, pastOf(customerId), popular, scratch),
        truth,
      })),
    ),
    buyAgain: evaluateForYou(buyAgainOnly, indexed, cases.repeatsAllowed, repeatOptions),
  }

  const basketOptions = { k: K, catalogueSize }
  const baskets = {
    ours: evaluateBasketCompletion(tuned.boughtTogether, cases.baskets, basketOptions),
    popularity: summary(
      cases.baskets.map(({ given, hidden }) => ({
        ranked: firstAllowed(popularInOrders, K, (productId) => given.includes(productId)),
        truth: new Set([hidden]),
      })),
    ),
    cosine: evaluateBasketCompletion(cosine, cases.baskets, basketOptions),
    invoiceCosine: evaluateBasketCompletion(invoiceCosine, cases.baskets, basketOptions),
  }
  return { newItems, repeats, baskets }
}

const megabytes = (json: object): number => JSON.stringify(json).length / 1e6
const withoutPopularity = ({ popularity, ...rest }: ItemToItemOptions): object => rest

function tuningSummary(tuned: TunedRecommenders): RecommendationQualityFigures["tuning"] {
  const { report, forYou, boughtTogether } = tuned
  return {
    validationCases: report.cases,
    validation: {
      boughtTogetherHitRate: report.boughtTogether.validation?.hitRate,
      newItemsNdcg: report.forYouNeighbours.validation?.ndcg,
      repeatsNdcg: report.forYouScoring.validation?.ndcg,
    },
    chosen: {
      boughtTogether: withoutPopularity(boughtTogether.options),
      forYou: { ...forYou.options, similar: withoutPopularity(forYou.options.similar) },
    },
    serializedMb: { boughtTogether: megabytes(boughtTogether.toJSON()), forYou: megabytes(forYou.toJSON()) },
  }
}

/** Reads Online Retail, builds our recommenders and the baselines on the split and scores them all. */
export async function measureRecommendationsOnlineRetail(): Promise<RecommendationQualityFigures> {
  const started = performance.now()
  const file = datasetFile("online-retail/online_retail.csv")
  const { history } = await readOrders(createReadStream(file), { format: "online-retail" })
  const read = (performance.now() - started) / 1000
  const windowEnd = CUTOFF + WINDOW_DAYS * DAY_MS
  const train = buildOrderHistory(history.lines.filter((line) => line.orderedAt < CUTOFF))
  const window = history.lines.filter((line) => line.orderedAt >= CUTOFF && line.orderedAt < windowEnd)

  const tuned = seconds(() => tuneRecommenders(train, { random: createRandom(SEED), asOf: CUTOFF }))
  const cases = buildRecommendationCases(tuned.value.indexed, window)
  const built = buildBaselines(train)
  const evaluation = seconds(() => evaluateAll(train, cases, tuned.value, built.baselines))
  return {
    cutoff: CUTOFF_DAY,
    windowDays: WINDOW_DAYS,
    k: K,
    seed: SEED,
    cases: {
      newItems: cases.newItems.length,
      repeatsAllowed: cases.repeatsAllowed.length,
      baskets: cases.baskets.length,
      catalogueSize: cases.catalogueSize,
    },
    ...evaluation.value,
    tuning: tuningSummary(tuned.value),
    seconds: {
      read,
      tuned: tuned.seconds,
      refit: tuned.value.report.refitMs / 1000,
      ...built.seconds,
      evaluation: evaluation.seconds,
    },
  }
}
