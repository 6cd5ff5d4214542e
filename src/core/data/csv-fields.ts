/** Writing CSV (RFC 4180), for every file and download the plugin produces. */

/** One CSV field, quoted when it holds a comma, a quote or a line break, its quotes doubled. */
export function csvField(value: string | number | null | undefined): string {
  const text = value === null || value === undefined ? "" : String(value)
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** One CSV record, line break included. */
export function csvLine(values: readonly (string | number | null | undefined)[]): string {
  return values.map(csvField).join(",") + "\n"
}
