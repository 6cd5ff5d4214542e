/**
 * The names the plugin stores and passes between its parts, declared once: the model
 * tasks (a model version's `task`) and what can start a training (a run's `trigger`).
 * This file imports nothing, so the admin bundle can read it as well as the server.
 */

/** The customer model: purchase probability, churn risk, CLV, segments and reasons. */
export const CUSTOMER_SCORES_TASK = "customer-scores"
/** The product lists: similar, bought together and per customer. */
export const RECOMMENDATIONS_TASK = "recommendations"
/** Every task a model version can belong to. */
export const TASKS = [CUSTOMER_SCORES_TASK, RECOMMENDATIONS_TASK] as const
export type Task = (typeof TASKS)[number]

/** What started a training. */
export const TRIGGERS = ["cli", "admin", "schedule", "event"] as const
export type Trigger = (typeof TRIGGERS)[number]
