/**
 * Scores are kept to 6 significant digits from the moment they are computed, so that a model
 * written to JSON and read back ranks exactly as before while the JSON stays short.
 */
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, exponent) => Math.pow(10, exponent))

export function roundScore(value: number): number {
  if (value === 0 || !Number.isFinite(value)) return value
  // m = round(value · 10^(5 - e)) has 6 digits for e = floor(log10 |value|); powers of ten up to
  // 10^22 are exact doubles, so m / 10^(5 - e) is the double nearest the 6-digit decimal.
  const shift = 5 - Math.floor(Math.log10(Math.abs(value)))
  if (shift >= 0 && shift <= 22) return Math.round(value * POWERS_OF_TEN[shift]) / POWERS_OF_TEN[shift]
  if (shift < 0 && shift >= -22) return Math.round(value / POWERS_OF_TEN[-shift]) * POWERS_OF_TEN[-shift]
  return Number(value.toPrecision(6))
}
