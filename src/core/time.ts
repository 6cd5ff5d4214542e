/** Milliseconds in a day: every date in the core is epoch milliseconds, UTC. */
export const DAY_MS = 86_400_000

/** The UTC day of an instant as YYYY-MM-DD. */
export function isoDay(time: number): string {
  return new Date(time).toISOString().slice(0, 10)
}
