import { InvalidInputError } from "../../../../src/core/errors"
import { readOrders } from "../../../../src/core/data"
import { endlessStream, textStream } from "./text-stream"

const HEADER = "order_id,customer_id,ordered_at,product_id,quantity,unit_price,title,category,country,currency"

describe("readOrders, generic format", () => {
  it("reads ISO dates with and without zones, optional fields, and drops rows in the documented order", async () => {
    const text = [
      HEADER,
      "o1,c1,2024-03-01T10:00:00+02:00,sku-1,2,9.5,Mug,kitchen,FR,EUR", // kept, 08:00Z
      "o2,c2,2024-03-01,sku-2,1,0,Gift card,,,", // kept (free item), 00:00Z
      "o3,c1,2024-03-01 12:00:00,sku-1,-1,9.5,Mug,,,", // return
      "o4,c1,2024-03-01 12:00:00,sku-1,0,9.5,Mug,,,", // non_positive_quantity
      "o5,c1,2024-03-01 12:00:00,sku-1,1,-9.5,Mug,,,", // negative_price
      "o6,c1,2024-03-01 12:00:00,,1,9.5,Mug,,,", // missing_product
      ",c1,2024-03-01 12:00:00,sku-1,1,9.5,Mug,,,", // missing_order
      "o8,,2024-03-01 12:00:00,sku-1,1,9.5,Mug,,,", // missing_customer
      "o9,c1,2024-03-01 12:00:00,sku-1,one,9.5,Mug,,,", // bad_number
      "o10,c1,2024-02-30,sku-1,1,9.5,Mug,,,", // bad_date
      "o11,c1,2024-03-01,sku-1,1,9.5", // column_count
      "o12,c3,2024-03-01T09:00,sku-3,1.5,4,,,,", // kept, no zone = UTC
    ].join("\n")
    const { history, summary } = await readOrders(textStream(text), { format: "generic" })

    expect(history.lines).toEqual([
      {
        orderId: "o2",
        customerId: "c2",
        orderedAt: Date.UTC(2024, 2, 1),
        productId: "sku-2",
        quantity: 1,
        unitPrice: 0,
        title: "Gift card",
      },
      {
        orderId: "o1",
        customerId: "c1",
        orderedAt: Date.UTC(2024, 2, 1, 8),
        productId: "sku-1",
        quantity: 2,
        unitPrice: 9.5,
        title: "Mug",
        category: "kitchen",
        country: "FR",
        currency: "EUR",
      },
      {
        orderId: "o12",
        customerId: "c3",
        orderedAt: Date.UTC(2024, 2, 1, 9),
        productId: "sku-3",
        quantity: 1.5,
        unitPrice: 4,
      },
    ])
    const linesOf = (reason: keyof typeof summary.dropped): number[] => summary.dropped[reason].firstLines
    expect(linesOf("return")).toEqual([4])
    expect(linesOf("non_positive_quantity")).toEqual([5])
    expect(linesOf("negative_price")).toEqual([6])
    expect(linesOf("missing_product")).toEqual([7])
    expect(linesOf("missing_order")).toEqual([8])
    expect(linesOf("missing_customer")).toEqual([9])
    expect(linesOf("bad_number")).toEqual([10])
    expect(linesOf("bad_date")).toEqual([11])
    expect(linesOf("column_count")).toEqual([12])
    expect(summary).toMatchObject({ linesRead: 12, linesKept: 3, customers: 3, orders: 3, products: 3 })
    expect(history.products.get("sku-1")).toEqual({ id: "sku-1", title: "Mug", category: "kitchen" })
  })

  it("reads renamed columns through map, in any column order, ignoring extra columns", async () => {
    const text = [
      "Price,SKU,Notes,Customer,Order,Date,Qty,Name",
      "3.5,A-1,gift wrap,u7,1001,2023-11-20T15:04:05Z,2,Tea pot",
      "1.25,B-2,,u8,1002,2023-11-19,4,",
    ].join("\r\n")
    const map = {
      order_id: "Order",
      customer_id: "Customer",
      ordered_at: "Date",
      product_id: "SKU",
      quantity: "Qty",
      unit_price: "Price",
      title: "Name",
    }
    const { history } = await readOrders(textStream(text), { format: "generic", map })

    expect(history.lines).toEqual([
      {
        orderId: "1002",
        customerId: "u8",
        orderedAt: Date.UTC(2023, 10, 19),
        productId: "B-2",
        quantity: 4,
        unitPrice: 1.25,
      },
      {
        orderId: "1001",
        customerId: "u7",
        orderedAt: Date.UTC(2023, 10, 20, 15, 4, 5),
        productId: "A-1",
        quantity: 2,
        unitPrice: 3.5,
        title: "Tea pot",
      },
    ])
  })

  it("reads a field absent from map from the header column of its own name", async () => {
    const text = ["order_id,customer_id,Date,product_id,quantity,unit_price", "1,c,2023-01-02,p,1,1"].join("\n")
    const { history } = await readOrders(textStream(text), { format: "generic", map: { ordered_at: "Date" } })
    expect(history.lines[0].orderedAt).toBe(Date.UTC(2023, 0, 2))
  })

  it("rejects a required column missing from the header, naming it and the format", async () => {
    const header = "order_id,customer_id,ordered_at,product_id,quantity"
    const reading = readOrders(endlessStream(header, "1,c,2023-01-02,p,1"), { format: "generic" })
    await expect(reading).rejects.toThrow(InvalidInputError)
    await expect(reading).rejects.toThrow(/generic input: required column "unit_price" is missing/)
  })

  it("rejects a map key that is not a field and a mapped column that is not in the header", async () => {
    const unknownField = readOrders(textStream(HEADER), { format: "generic", map: { sku: "product_id" } })
    await expect(unknownField).rejects.toThrow(InvalidInputError)
    await expect(unknownField).rejects.toThrow(/unknown field "sku"/)

    const absentColumn = readOrders(endlessStream(HEADER, "1,c,2023-01-02,p,1,1,,,,"), {
      format: "generic",
      map: { product_id: "SKU" },
    })
    await expect(absentColumn).rejects.toThrow(InvalidInputError)
    await expect(absentColumn).rejects.toThrow(/map.product_id names column "SKU", which is not in the header/)
  })

  it("rejects a mapping that points ordered_at at a column without dates, naming column, line and value", async () => {
    const header = "order_id,customer_id,ordered_at,product_id,quantity,unit_price,Name"
    const reading = readOrders(endlessStream(header, "1,c,2023-01-02,p,1,1,Tea pot"), {
      format: "generic",
      map: { ordered_at: "Name" },
    })
    await expect(reading).rejects.toThrow(InvalidInputError)
    await expect(reading).rejects.toThrow('column "Name" on line 2 is unreadable: "Tea pot"')
  })
})

describe("ids the store cannot hold", () => {
  it("drops a row whose order, customer or product id is over 100 characters, keeping the rest", async () => {
    const long = "x".repeat(101)
    const csv = [
      "order_id,customer_id,ordered_at,product_id,quantity,unit_price",
      `o1,c1,2024-03-01,${long},1,9.5`,
      `o2,${long},2024-03-01,p1,1,9.5`,
      `${long},c1,2024-03-01,p1,1,9.5`,
      `o3,c1,2024-03-01,${"y".repeat(100)},1,9.5`,
    ].join("\n")
    const { history, summary } = await readOrders(textStream(csv), { format: "generic", map: {} })
    expect(summary.dropped.id_too_long).toEqual({ count: 3, firstLines: [2, 3, 4] })
    expect(history.lines.map((l) => l.productId)).toEqual(["y".repeat(100)])
  })
})
