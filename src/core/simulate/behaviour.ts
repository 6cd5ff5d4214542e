/**
 * The numbers behind the simulated shoppers, in one place. Each rule that uses them is
 * described where it is applied: customers.ts (arrival, rates, dropout, preferences),
 * catalog.ts (prices, popularity, complements) and basket.ts (what goes in an order).
 */
export const BEHAVIOUR = {
  /** Gamma shape r of purchase rates across customers: below 1, many occasional buyers and a few frequent ones. */
  rateShape: 0.7,
  /** Gamma rate α in days: the mean purchase rate is rateShape / rateScaleDays per day (one order per ~21 days). */
  rateScaleDays: 15,
  /** Beta a of the per-customer dropout probability p. */
  dropoutA: 1,
  /** Beta b of p: the mean p is a / (a + b) = 1/7 per repeat purchase. */
  dropoutB: 6,
  /** Gamma shape of each category's weight in a customer's taste (small: a few favourite categories). */
  preferenceShape: 0.5,
  /** Basket slots are 1 + Poisson(basketExtraMean). */
  basketExtraMean: 1,
  /** Chance that a slot re-buys a consumable the customer bought before (when there is one). */
  reorderChance: 0.5,
  /** Chance that each complement of an item in the basket joins it. */
  complementChance: 0.45,
  /** Share of products that anchor a group of complements (other products may still join as partners). */
  groupedShare: 0.15,
  /** Chance that a complement group has three members rather than two. */
  tripleShare: 0.3,
  /** Chance that a partner comes from the anchor's own category rather than its related category. */
  sameCategoryPartner: 0.6,
  /** Zipf exponent of product popularity within a category (weight 1 / rank^s). */
  popularityExponent: 0.9,
  /** Probabilities of quantities 1..6 for a consumable line. */
  consumableQuantities: [0.55, 0.3, 0.12, 0.015, 0.01, 0.005],
  /** Probabilities of quantities 1..6 for any other line. */
  otherQuantities: [0.8, 0.14, 0.05, 0.005, 0.003, 0.002],
} as const
