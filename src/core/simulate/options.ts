/** Options of simulateStore, their defaults and their checks. */
import { InvalidInputError } from "../errors"
import { CATEGORIES } from "./categories"

/** A country the simulated customers live in; a customer's country never changes. */
export interface SimulatedCountry {
  /** ISO 3166 code written on each line, e.g. "GB". */
  country: string
  /** ISO 4217 code of the prices its customers pay, e.g. "GBP". */
  currency: string
  /** Relative share of customers from this country (any positive number). */
  share: number
  /** Local price = base (USD) price * priceFactor, rounded like a shelf price. */
  priceFactor: number
}

export interface SimulateStoreOptions {
  /** Customers who place at least one order during the period. */
  customers: number
  /** Length of the period in days. */
  days: number
  /** Seed of every random draw, an integer (its low 32 bits count): the same options give the same store. */
  seed: number
  /**
   * Epoch ms at which the period starts.
   * @defaultValue Date.UTC(2025, 0, 1) (1 January 2025, 00:00 UTC)
   */
  start?: number
  /**
   * Products in the catalogue (at least one per category, so at least 8).
   * @defaultValue 200
   */
  products?: number
  /**
   * Countries of the customers, with their currencies.
   * @defaultValue DEFAULT_COUNTRIES (US/USD, GB/GBP, DE/EUR, FR/EUR, NL/EUR)
   */
  countries?: readonly SimulatedCountry[]
}

export type ResolvedStoreOptions = Required<SimulateStoreOptions>

export const DEFAULT_COUNTRIES: readonly SimulatedCountry[] = [
  { country: "US", currency: "USD", share: 0.4, priceFactor: 1 },
  { country: "GB", currency: "GBP", share: 0.2, priceFactor: 0.8 },
  { country: "DE", currency: "EUR", share: 0.18, priceFactor: 0.93 },
  { country: "FR", currency: "EUR", share: 0.12, priceFactor: 0.93 },
  { country: "NL", currency: "EUR", share: 0.1, priceFactor: 0.93 },
]

const DEFAULTS = {
  /** 1 January 2025, 00:00 UTC. */
  start: Date.UTC(2025, 0, 1),
  /** About 25 products per category. */
  products: 200,
  countries: DEFAULT_COUNTRIES,
}

/** Fills in the defaults and throws InvalidInputError naming the first option out of bounds. */
export function resolveStoreOptions(options: SimulateStoreOptions): ResolvedStoreOptions {
  const resolved: ResolvedStoreOptions = {
    customers: options.customers,
    days: options.days,
    seed: options.seed,
    start: options.start ?? DEFAULTS.start,
    products: options.products ?? DEFAULTS.products,
    countries: options.countries ?? DEFAULTS.countries,
  }
  requireInteger("customers", resolved.customers, 1)
  requireInteger("days", resolved.days, 1)
  requireInteger("products", resolved.products, CATEGORIES.length)
  if (!Number.isInteger(resolved.seed)) {
    throw new InvalidInputError(`option seed must be an integer, got ${resolved.seed}`, "seed")
  }
  if (!Number.isFinite(resolved.start)) {
    throw new InvalidInputError(`option start must be a finite epoch-ms number, got ${resolved.start}`, "start")
  }
  if (resolved.countries.length === 0) {
    throw new InvalidInputError("option countries must list at least 1 country, got 0", "countries")
  }
  resolved.countries.forEach(checkCountry)
  return resolved
}

function requireInteger(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) {
    throw new InvalidInputError(`option ${name} must be an integer >= ${min}, got ${value}`, name)
  }
}

function checkCountry(entry: SimulatedCountry, index: number): void {
  const field = `countries[${index}]`
  if (entry.country.trim() === "" || entry.currency.trim() === "") {
    throw new InvalidInputError(`option ${field} needs a non-empty country and currency`, field)
  }
  if (!(entry.share > 0) || !Number.isFinite(entry.share)) {
    throw new InvalidInputError(`option ${field}.share must be a finite number > 0, got ${entry.share}`, field)
  }
  if (!(entry.priceFactor > 0) || !Number.isFinite(entry.priceFactor)) {
    throw new InvalidInputError(
      `option ${field}.priceFactor must be a finite number > 0, got ${entry.priceFactor}`,
      field,
    )
  }
}
