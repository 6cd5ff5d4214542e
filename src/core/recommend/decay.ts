/**
 * Exponential time decay: an event `age` old weighs w = 0.5^(ageDays / halfLifeDays), so an
 * event one half-life before the reference time counts half as much as one at it. Events after
 * the reference time weigh 1; a null half-life means no decay (every event weighs 1).
 */
import { DAY_MS } from "../time"

export { DAY_MS }

export function decayWeight(ageMs: number, halfLifeDays: number | null): number {
  if (halfLifeDays === null || ageMs <= 0) return 1
  return Math.pow(0.5, ageMs / DAY_MS / halfLifeDays)
}
