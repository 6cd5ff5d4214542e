import { Readable } from "node:stream"
import { readOrders, type OrderLine } from "../../../../src/core/data"
import { InvalidInputError } from "../../../../src/core/errors"
import { GENERIC_CSV_HEADER, simulateStore, writeOrdersCsv } from "../../../../src/core/simulate"

function csvText(lines: readonly OrderLine[]): { text: string; chunks: string[] } {
  const chunks: string[] = []
  writeOrdersCsv(lines, (chunk) => chunks.push(chunk))
  return { text: chunks.join(""), chunks }
}

describe("writeOrdersCsv", () => {
  it("writes the generic header and quotes fields with commas, quotes and line breaks (RFC 4180)", () => {
    const lines: OrderLine[] = [
      {
        orderId: "o1",
        customerId: "c1",
        orderedAt: Date.UTC(2025, 0, 2, 3, 4, 5),
        productId: "p1",
        quantity: 2,
        unitPrice: 9.99,
        title: 'Mug, "Large"',
        category: "Kitchen",
        country: "GB",
        currency: "GBP",
      },
      {
        orderId: "o2",
        customerId: "c2",
        orderedAt: Date.UTC(2025, 0, 2, 3, 4, 5, 250),
        productId: "p2",
        quantity: 1,
        unitPrice: 0.5,
        title: "Two\nlines",
      },
    ]
    expect(csvText(lines).text).toBe(
      [
        GENERIC_CSV_HEADER,
        'o1,c1,2025-01-02T03:04:05Z,p1,2,9.99,"Mug, ""Large""",Kitchen,GB,GBP',
        'o2,c2,2025-01-02T03:04:05.250Z,p2,1,0.5,"Two\nlines",,,',
        "",
      ].join("\n"),
    )
  })

  it("writes only the header for no lines", () => {
    expect(csvText([]).chunks).toEqual([`${GENERIC_CSV_HEADER}\n`])
  })

  it("rejects a line whose time is not a number, naming it", () => {
    const line: OrderLine = {
      orderId: "o",
      customerId: "c",
      orderedAt: Number.NaN,
      productId: "p",
      quantity: 1,
      unitPrice: 1,
    }
    expect(() => writeOrdersCsv([line], () => undefined)).toThrow(
      new InvalidInputError("lines[0].orderedAt must be a finite epoch-ms number, got NaN"),
    )
  })

  it("streams whole rows in chunks and reads back through readOrders(generic) as the same lines", async () => {
    const store = simulateStore({ customers: 1500, days: 365, seed: 3 })
    expect(store.lines.some((line) => line.title?.includes(",") === true)).toBe(true)
    expect(store.lines.some((line) => line.title?.includes('"') === true)).toBe(true)
    const { text, chunks } = csvText(store.lines)
    expect(chunks.length).toBeGreaterThan(1)
    expect(chunks.every((chunk) => chunk.endsWith("\n"))).toBe(true)

    const { history, summary } = await readOrders(Readable.from(chunks), { format: "generic" })
    expect(summary.linesRead).toBe(store.lines.length)
    expect(summary.linesKept).toBe(store.lines.length)
    expect(history.lines).toEqual(store.lines)
    expect(text.split("\n")).toHaveLength(store.lines.length + 2)
  })
})
