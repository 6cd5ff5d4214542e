import { InvalidInputError } from "../errors"
import { DAY_MS } from "../time"
import type { SpendHistory } from "./gamma-gamma-likelihood"

/** One purchase (an order) as the repeat-purchase models see it. */
export interface PurchaseEvent {
  customerId: string
  /** When the order was placed, epoch milliseconds (UTC). */
  orderedAt: number
  /** The order's value in the store's currency (0 when unpriced). */
  value: number
  /**
   * False when the order's value is unknown (none of its lines has a rate to the store's
   * currency): it counts as a purchase, never for the mean value. Absent = true.
   */
  priced?: boolean
}

/**
 * A customer's calibration-period summary in the Fader-Hardie sense, with times in
 * units of `timeUnitDays` days (weeks when 7):
 * - x: repeat purchase days (distinct purchase days - 1);
 * - tx: time from the first purchase day to the last purchase day;
 * - T: time from the first purchase day to the last day of the calibration period;
 * - monetary: mean value of the priced repeat purchase days (first day excluded), 0 when
 *   there is none. A day is priced when any of its purchases is; its value is the sum of
 *   its priced purchases.
 * - pricedRepeats: the priced repeat purchase days, the count `monetary` is the mean over;
 *   absent when it equals x (every repeat day priced), as in any history without
 *   unpriced purchases. A customer with x > 0 and pricedRepeats = 0 carries no
 *   information on spend, like one with x = 0.
 */
export interface CustomerSummary {
  customerId: string
  x: number
  tx: number
  T: number
  monetary: number
  pricedRepeats?: number
}

/** The Gamma-Gamma inputs of a summary: its priced repeat days and their mean value. */
export function spendHistoryOf(summary: Pick<CustomerSummary, "x" | "monetary" | "pricedRepeats">): SpendHistory {
  return { x: summary.pricedRepeats ?? summary.x, monetary: summary.monetary }
}

export interface CustomerSummaryOptions {
  /** End of the calibration period, epoch ms, exclusive: only events strictly before it count. */
  asOf: number
  /** Days in one model time unit: 7 for weeks, 1 for days. */
  timeUnitDays: number
}


/**
 * Builds per-customer summaries from purchase events. Purchases on the same UTC
 * calendar day merge into one purchase whose value is their sum. The calibration
 * period's last day is the UTC day of the last instant before `asOf` (for an `asOf`
 * at midnight, the day before it: asOf 1997-10-01 gives 1997-09-30, so a customer
 * first seen on 1997-01-01 has T = 272 days = 38.857 weeks).
 * Customers come out in the order of their first event in the input; customers with
 * no event before `asOf` are left out.
 */
export function summarizeCustomers(
  events: readonly PurchaseEvent[],
  options: CustomerSummaryOptions
): CustomerSummary[] {
  const { asOf, timeUnitDays } = options
  if (!Number.isFinite(asOf)) throw new InvalidInputError(`asOf must be a finite epoch ms, got ${asOf}`, "asOf")
  if (!Number.isFinite(timeUnitDays) || timeUnitDays <= 0) {
    throw new InvalidInputError(`timeUnitDays must be a finite number > 0, got ${timeUnitDays}`, "timeUnitDays")
  }
  const lastDay = Math.floor((asOf - 1) / DAY_MS)

  // Customer index per event, then one sort by (customer, day) and a single sweep.
  const customerIndex = new Map<string, number>()
  const customerIds: string[] = []
  const kept: number[] = []
  const eventCustomer = new Int32Array(events.length)
  const eventDay = new Float64Array(events.length)
  events.forEach((event, i) => {
    if (!Number.isFinite(event.orderedAt)) {
      throw new InvalidInputError(`events[${i}].orderedAt must be a finite epoch ms, got ${event.orderedAt}`, "orderedAt")
    }
    if (!Number.isFinite(event.value)) {
      throw new InvalidInputError(`events[${i}].value must be a finite number, got ${event.value}`, "value")
    }
    if (event.orderedAt >= asOf) return
    let index = customerIndex.get(event.customerId)
    if (index === undefined) {
      index = customerIds.length
      customerIndex.set(event.customerId, index)
      customerIds.push(event.customerId)
    }
    eventCustomer[i] = index
    eventDay[i] = Math.floor(event.orderedAt / DAY_MS)
    kept.push(i)
  })
  kept.sort((i, j) => eventCustomer[i] - eventCustomer[j] || eventDay[i] - eventDay[j])

  const summaries: CustomerSummary[] = []
  let k = 0
  while (k < kept.length) {
    const customer = eventCustomer[kept[k]]
    const firstDay = eventDay[kept[k]]
    let day = firstDay
    let distinctDays = 0
    let repeatValue = 0
    let pricedRepeats = 0
    // whether the current day has a priced purchase (and so counts in pricedRepeats)
    let dayPriced = false
    for (; k < kept.length && eventCustomer[kept[k]] === customer; k++) {
      const event = kept[k]
      if (eventDay[event] !== day || distinctDays === 0) {
        day = eventDay[event]
        distinctDays++
        dayPriced = false
      }
      if (day === firstDay || events[event].priced === false) continue
      repeatValue += events[event].value
      if (!dayPriced) {
        dayPriced = true
        pricedRepeats++
      }
    }
    const x = distinctDays - 1
    const summary: CustomerSummary = {
      customerId: customerIds[customer],
      x,
      tx: (day - firstDay) / timeUnitDays,
      T: (lastDay - firstDay) / timeUnitDays,
      monetary: pricedRepeats > 0 ? repeatValue / pricedRepeats : 0,
    }
    if (pricedRepeats < x) summary.pricedRepeats = pricedRepeats
    summaries.push(summary)
  }
  return summaries
}
