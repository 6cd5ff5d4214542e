/**
 * Why a customer has no prediction in the current customer model, from the model's
 * data cutoff and the customer's orders, in words a merchant can act on.
 */
import type { CustomerOrderDate } from "../../medusa-records"
import type { NotScoredReason } from "../../response-types"

export type { NotScoredReason }

export interface NotScored {
  reason: NotScoredReason
  message: string
}

export function notScoredReason(model: { dataCutoff: Date | null } | null, orders: readonly CustomerOrderDate[]): NotScored {
  if (!model) {
    return {
      reason: "no_model",
      message: "No customer model has been trained yet: start one with Retrain now on the ML Insights page (Models tab), or wait for the nightly run.",
    }
  }
  const counted = orders.filter((o) => o.counted).map((o) => o.createdAt.getTime())
  if (counted.length === 0) {
    return {
      reason: "no_orders",
      message:
        orders.length === 0
          ? "This customer has no orders yet; customers are scored from their first order on."
          : "This customer has no orders that count: canceled and draft orders are left out of training.",
    }
  }
  const cutoff = model.dataCutoff
  const first = Math.min(...counted)
  if (cutoff && first >= cutoff.getTime()) {
    return {
      reason: "no_orders_before_cutoff",
      message:
        `This customer's first order (${day(first)}) came after the current model's data cutoff (${day(cutoff.getTime())}); ` +
        "they are scored at the next training or rescoring.",
    }
  }
  return {
    reason: "not_in_model",
    message:
      "This customer has orders before the current model's data cutoff, but none the training could use " +
      "(for example every item was returned); they are scored once an order of theirs counts.",
  }
}

function day(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10)
}
