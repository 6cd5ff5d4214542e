import { InvalidInputError } from "../errors"
import { DAY_MS } from "../time"

/** One purchase (an order) as the repeat-purchase models see it. */
export interface PurchaseEvent {
  customerId: string
  /** When the order was placed, epoch milliseconds (UTC). */
  orderedAt: number
  /** The order's value in the store's currency. */
  value: number
}

/**
 * A customer's calibration-period summary in the Fader-Hardie sense, with times in
 * units of `timeUnitDays` days (weeks when 7):
 * - x: repeat purchase days (distinct purchase days - 1);
 * - tx: time from the first purchase day to the last purchase day;
 * - T: time from the first purchase day to the last day of the calibration period;
 * - monetary: mean value of the repeat purchase days (first day excluded), 0 when x = 0.
 */
export interface CustomerSummary {
  customerId: string
  x: number
  tx: number
  T: number
  monetary: number
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
    for (; k < kept.length && eventCustomer[kept[k]] === customer; k++) {
      const event = kept[k]
      if (eventDay[event] !== day || distinctDays === 0) {
        day = eventDay[event]
        distinctDays++
      }
      if (day !== firstDay) repeatValue += events[event].value
    }
    const x = distinctDays - 1
    summaries.push({
      customerId: customerIds[customer],
      x,
      tx: (day - firstDay) / timeUnitDays,
      T: (lastDay - firstDay) / timeUnitDays,
      monetary: x > 0 ? repeatValue / x : 0,
    })
  }
  return summaries
}
