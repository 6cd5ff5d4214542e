/**
 * Amounts in the store's default currency. An order in another currency is converted
 * with the merchant's `currencyRates`; an order in a currency without a rate keeps
 * no amount at all (it is never added to amounts of another currency).
 */
import { z } from "zod"
import type { GraphQuery } from "./graph-query"

const CURRENCY_CODE = /^[A-Za-z]{3}$/

/**
 * Rates to the store's default currency, by ISO 4217 code (any case):
 * `{ eur: 1.08 }` means 1 EUR is worth 1.08 of the default currency. The default
 * currency needs no rate (it is 1).
 */
export const currencyRatesSchema = z
  .record(
    z.string(),
    z
      .number({ error: "must be a rate: a number above 0" })
      .positive({ error: "must be a rate above 0" })
      .finite({ error: "must be a finite rate" }),
    { error: 'must be an object of rates such as { "eur": 1.08 }' }
  )
  .transform((rates, context) => {
    const lower: Record<string, number> = {}
    for (const [code, rate] of Object.entries(rates)) {
      if (!CURRENCY_CODE.test(code)) {
        context.addIssue({ code: "custom", message: 'must be named by a 3-letter currency code such as "eur"', path: [code] })
        continue
      }
      const key = code.toLowerCase()
      if (key in lower && lower[key] !== rate) {
        context.addIssue({ code: "custom", message: `is a second, different rate for "${key}"`, path: [code] })
      }
      lower[key] = rate
    }
    return lower
  })

export type CurrencyRates = z.output<typeof currencyRatesSchema>

/** How the reader prices a line: the default currency and the rate of each other one. */
export interface Pricing {
  /** Lower-case code of the store's default currency. */
  defaultCurrency: string
  /** The rate of `currency` to the default currency, or undefined when there is none. */
  rateOf(currency: string): number | undefined
}

/** The store has no default currency, or the rates contradict it. */
export class CurrencySetupError extends Error {
  constructor(message: string) {
    super(message)
    this.name = "CurrencySetupError"
  }
}

/** Pricing from the default currency and the merchant's rates (already parsed). */
export function createPricing(defaultCurrency: string, rates: CurrencyRates = {}): Pricing {
  const base = defaultCurrency.toLowerCase()
  const given = rates[base]
  if (given !== undefined && given !== 1) {
    throw new CurrencySetupError(
      `currencyRates gives "${base}" the rate ${given}, but "${base}" is the store's default currency (rate 1)`
    )
  }
  return {
    defaultCurrency: base,
    rateOf(currency) {
      const code = currency.toLowerCase()
      return code === base ? 1 : rates[code]
    },
  }
}

interface StoreRecord {
  supported_currencies?: Array<{ currency_code?: string | null; is_default?: boolean | null } | null> | null
}

/** The default currency of the store (the first store when there are several), lower case. */
export async function readDefaultCurrency(query: GraphQuery): Promise<string> {
  const { data } = await query.graph({
    entity: "store",
    fields: ["id", "supported_currencies.currency_code", "supported_currencies.is_default"],
  })
  for (const store of data as StoreRecord[]) {
    const chosen = (store.supported_currencies ?? []).find((c) => c?.is_default === true && c.currency_code)
    if (chosen?.currency_code) return chosen.currency_code.toLowerCase()
  }
  throw new CurrencySetupError("the store has no default currency: set one in the admin (Settings > Store)")
}
