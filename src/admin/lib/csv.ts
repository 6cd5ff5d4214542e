/**
 * Reads CSV text as RFC 4180 writes it (quoted fields, doubled quotes, line breaks
 * inside quotes), into objects keyed by the header line.
 */

export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ""
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (ch === '"') {
        quoted = false
      } else {
        field += ch
      }
    } else if (ch === '"') {
      quoted = true
    } else if (ch === ",") {
      row.push(field)
      field = ""
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++
      row.push(field)
      rows.push(row)
      row = []
      field = ""
    } else {
      field += ch
    }
  }
  if (field !== "" || row.length > 0) {
    row.push(field)
    rows.push(row)
  }
  return rows
}

/** The data lines as objects keyed by the header's column names. */
export function csvRecords(text: string): Record<string, string>[] {
  const [header, ...lines] = parseCsv(text)
  if (!header) return []
  return lines.map((cells) => Object.fromEntries(header.map((name, i) => [name, cells[i] ?? ""])))
}
