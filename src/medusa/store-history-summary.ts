/**
 * What a read of the store's orders kept and left out, so nothing is dropped or
 * mixed silently. ordersRead = ordersKept + draftOrders + canceledOrders +
 * ordersWithoutCustomer + ordersWithoutLines.
 */
import { emptyItemDrops, type ItemDropReason, type MappedOrder } from "./order-lines"

export interface StoreHistorySummary {
  ordersRead: number
  /** Orders with at least one kept line. */
  ordersKept: number
  linesKept: number
  draftOrders: number
  canceledOrders: number
  ordersWithoutCustomer: number
  /** Orders of a customer none of whose items was kept (all returned, no product, ...). */
  ordersWithoutLines: number
  /** Line items left out of kept orders, by reason. */
  droppedItems: Record<ItemDropReason, number>
  /** Units left out because a return received them. */
  returnedQuantity: number
  /** Lower-case code of the store's default currency, the currency of every priced amount. */
  defaultCurrency: string
  /**
   * Kept orders whose currency has no rate, by currency: they count for recency and
   * frequency, their lines carry no amount.
   */
  currenciesWithoutRate: Record<string, number>
  /** Customers of the orders read, canceled ones included (those whose scores may change). */
  customerIds: string[]
  /** Query pages read. */
  pages: number
}

/** Collects the outcome of each order into a summary. */
export class StoreHistoryTally {
  private readonly customers = new Set<string>()
  private readonly summary: Omit<StoreHistorySummary, "customerIds" | "pages">

  constructor(defaultCurrency: string) {
    this.summary = {
      ordersRead: 0,
      ordersKept: 0,
      linesKept: 0,
      draftOrders: 0,
      canceledOrders: 0,
      ordersWithoutCustomer: 0,
      ordersWithoutLines: 0,
      droppedItems: emptyItemDrops(),
      returnedQuantity: 0,
      defaultCurrency,
      currenciesWithoutRate: {},
    }
  }

  add(order: MappedOrder): void {
    const s = this.summary
    s.ordersRead += 1
    if (order.outcome !== "draft" && order.customerId !== undefined) this.customers.add(order.customerId)
    switch (order.outcome) {
      case "draft":
        s.draftOrders += 1
        return
      case "canceled":
        s.canceledOrders += 1
        return
      case "no_customer":
        s.ordersWithoutCustomer += 1
        return
      case "no_lines":
        s.ordersWithoutLines += 1
        break
      case "kept":
        s.ordersKept += 1
        s.linesKept += order.lines.length
        break
    }
    s.returnedQuantity += order.returnedQuantity
    for (const reason of Object.keys(order.droppedItems) as ItemDropReason[]) {
      s.droppedItems[reason] += order.droppedItems[reason]
    }
    if (order.currencyWithoutRate !== undefined) {
      const code = order.currencyWithoutRate
      s.currenciesWithoutRate[code] = (s.currenciesWithoutRate[code] ?? 0) + 1
    }
  }

  result(pages: number): StoreHistorySummary {
    return {
      ...this.summary,
      droppedItems: { ...this.summary.droppedItems },
      currenciesWithoutRate: { ...this.summary.currenciesWithoutRate },
      customerIds: [...this.customers].sort(),
      pages,
    }
  }
}

/**
 * One plain sentence per currency without a rate, for the readiness report, e.g.
 * `3 orders in GBP have no rate in currencyRates: they count for recency and frequency, not for spend or lifetime value`.
 */
export function describeCurrenciesWithoutRate(summary: Pick<StoreHistorySummary, "currenciesWithoutRate" | "defaultCurrency">): string[] {
  return Object.entries(summary.currenciesWithoutRate)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([code, orders]) => {
      const what = orders === 1 ? "1 order" : `${orders} orders`
      const verb = orders === 1 ? "has" : "have"
      return (
        `${what} in ${code.toUpperCase()} ${verb} no rate to ${summary.defaultCurrency.toUpperCase()} in currencyRates: ` +
        "they count for recency and frequency, not for spend or lifetime value"
      )
    })
}
