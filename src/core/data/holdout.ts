/**
 * The promotion holdout: a fixed share of customers, chosen by a hash of their id, so
 * they are the same every run. No model search selects on them (neither last night's
 * champion nor tonight's challenger), and champion and challenger are compared on them.
 */

/** One customer in this many is held out of model selection for the champion comparison. */
export const HOLDOUT_ONE_IN = 5

/** Whether this customer is held out: FNV-1a (32-bit) of the id, modulo HOLDOUT_ONE_IN, is 0. */
export function isHeldOut(customerId: string): boolean {
  return fnv1a(customerId) % HOLDOUT_ONE_IN === 0
}

/** 1 for a held-out customer, 0 otherwise. */
export function holdoutMask(customerIds: readonly string[]): Uint8Array {
  return Uint8Array.from(customerIds, (id) => (isHeldOut(id) ? 1 : 0))
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash >>> 0
}
