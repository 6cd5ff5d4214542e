import { InvalidInputError } from "../../../../src/core/errors"
import { CDNOW_PRODUCT_ID, readOrders } from "../../../../src/core/data"
import { textStream } from "./text-stream"

describe("readOrders, cdnow format", () => {
  it("reads the 4-column layout, skipping a header line, one order per customer and day", async () => {
    const text = [
      " customer_id  date number_of_cds  dollar_value",
      " 00001 19970101  1   11.77",
      " 00001 19970101  2   20.00",
      " 00002 19970112  0   12.00",
      " 00003 19970102  1    0.00",
      "",
      " 00001 19970315  3   30.00",
    ].join("\r\n")
    const { history, summary } = await readOrders(textStream(text), { format: "cdnow" })

    const purchase = (customerId: string, date: string, quantity: number, unitPrice: number) => ({
      orderId: `${customerId}:${date}`,
      customerId,
      orderedAt: Date.UTC(Number(date.slice(0, 4)), Number(date.slice(4, 6)) - 1, Number(date.slice(6))),
      productId: CDNOW_PRODUCT_ID,
      quantity,
      unitPrice,
    })
    expect(history.lines).toEqual([
      purchase("00001", "19970101", 1, 11.77),
      purchase("00001", "19970101", 2, 10),
      purchase("00003", "19970102", 1, 0),
      purchase("00002", "19970112", 1, 12),
      purchase("00001", "19970315", 3, 10),
    ])
    expect(summary).toMatchObject({ linesRead: 5, linesKept: 5, customers: 3, orders: 4, products: 1 })
  })

  it("reads the 5-column sample layout with master_id as the customer", async () => {
    const text = " 00004 0001 19970101  2   29.33\n 00004 0001 19970118  2   29.73\n 00018 0002 19970102  1   14.96\n"
    const { history, summary } = await readOrders(textStream(text), { format: "cdnow" })

    expect(history.lines.map((l) => [l.customerId, l.orderedAt, l.quantity, l.unitPrice])).toEqual([
      ["00004", Date.UTC(1997, 0, 1), 2, 14.665],
      ["00018", Date.UTC(1997, 0, 2), 1, 14.96],
      ["00004", Date.UTC(1997, 0, 18), 2, 14.865],
    ])
    expect(summary.customers).toBe(2)
  })

  it("keeps zero-dollar and zero-quantity lines as purchases and drops the rest with line numbers", async () => {
    const text = [
      "00001 19970101 1 11.77",
      "00001 19970102 0 5.00", // kept: quantity 1, unitPrice 5
      "00001 19970103 1 0.00", // kept: unitPrice 0
      "00002 19970230 1 5.00", // bad_date
      "00002 19970105 x 1.00", // bad_number
      "00002 19970105 -1 1.00", // return
      "00002 19970105 1 -1.00", // negative_price
      "00002 19970105 1", // column_count
    ].join("\n")
    const { history, summary } = await readOrders(textStream(text), { format: "cdnow" })

    expect(history.lines.map((l) => l.quantity * l.unitPrice)).toEqual([11.77, 5, 0])
    expect(summary.orders).toBe(3)
    expect(summary.dropped.bad_date.firstLines).toEqual([4])
    expect(summary.dropped.bad_number.firstLines).toEqual([5])
    expect(summary.dropped.return.firstLines).toEqual([6])
    expect(summary.dropped.negative_price.firstLines).toEqual([7])
    expect(summary.dropped.column_count.firstLines).toEqual([8])
  })

  it("keeps lines before asOf only", async () => {
    const text = "00001 19970101 1 10\n00001 19970930 1 10\n00001 19971001 1 10\n"
    const { summary } = await readOrders(textStream(text), { format: "cdnow", asOf: Date.UTC(1997, 9, 1) })
    expect(summary).toMatchObject({ linesKept: 2, afterAsOf: 1, lastAt: Date.UTC(1997, 8, 30) })
  })

  it("rejects a first data line with another column count or an unreadable date", async () => {
    const threeColumns = readOrders(textStream("00001 19970101 1\n"), { format: "cdnow" })
    await expect(threeColumns).rejects.toThrow(InvalidInputError)
    await expect(threeColumns).rejects.toThrow(/line 1 has 3 columns; expected 4/)

    const isoDate = readOrders(textStream("header only words\n00001 1997-01-01 1 10\n"), { format: "cdnow" })
    await expect(isoDate).rejects.toThrow(InvalidInputError)
    await expect(isoDate).rejects.toThrow('column "date" on line 2 is unreadable: "1997-01-01"')
  })

  it("reads empty input as an empty history", async () => {
    const { history, summary } = await readOrders(textStream(""), { format: "cdnow" })
    expect(history.lines).toEqual([])
    expect(summary.linesRead).toBe(0)
    expect(summary.firstAt).toBeNaN()
  })
})
