/** Milliseconds in a day: every date in the core is epoch milliseconds, UTC. */
export const DAY_MS = 86_400_000

/** The UTC day of an instant as YYYY-MM-DD. */
export function isoDay(time: number): string {
  return new Date(time).toISOString().slice(0, 10)
}

/** The as-of a training or scoring uses when none is given: the start (00:00 UTC) of the day after `lastAt`. */
export function dayAfter(lastAt: number): number {
  return Math.floor(lastAt / DAY_MS) * DAY_MS + DAY_MS
}
