import { Readable } from "node:stream"
import { InvalidInputError } from "../../../../src/core/errors"
import { readOrders, type ReadOrdersOptions } from "../../../../src/core/data"
import { textStream } from "./text-stream"

const GENERIC = [
  "order_id,customer_id,ordered_at,product_id,quantity,unit_price,title",
  'o1,c1,2024-03-01T10:00:00Z,p1,1,2,"Caf\u00e9 ""noir"", 250 g"',
  "o1,c1,2024-03-01T10:00:00Z,p2,3,1,Mug \u2615",
  "o2,c2,2024-03-02,p1,-1,2,",
  "o3,c2,2024-03-03,p3,2,5,\u00c9t\u00e9",
].join("\r\n")

describe("readOrders options", () => {
  async function expectInvalidInput(reading: Promise<unknown>, message: RegExp): Promise<void> {
    await expect(reading).rejects.toBeInstanceOf(InvalidInputError)
    await expect(reading).rejects.toThrow(message)
  }

  it("rejects an unknown format, a non-finite asOf and a map outside the generic format", async () => {
    const unknownFormat: ReadOrdersOptions = JSON.parse('{ "format": "xml" }')
    await expectInvalidInput(
      readOrders(textStream(GENERIC), unknownFormat),
      /option format must be one of online-retail, cdnow, generic, got "xml"/,
    )
    await expectInvalidInput(
      readOrders(textStream(GENERIC), { format: "generic", asOf: Number.NaN }),
      /option asOf must be a finite epoch-ms number, got NaN/,
    )
    await expectInvalidInput(
      readOrders(textStream(GENERIC), { format: "cdnow", map: { customer_id: "master_id" } }),
      /option map is only used by the generic format/,
    )
  })

  it("releases the stream when it rejects the options", async () => {
    const input = textStream(GENERIC)
    await expect(readOrders(input, { format: "generic", asOf: Number.POSITIVE_INFINITY })).rejects.toThrow(
      InvalidInputError,
    )
    expect(input.destroyed).toBe(true)
  })

  it("passes on a failure of the input stream itself unchanged", async () => {
    const failure = new Error("disk unplugged")
    const input = new Readable({
      read() {
        this.destroy(failure)
      },
    })
    await expect(readOrders(input, { format: "online-retail" })).rejects.toBe(failure)
  })

  it("gives the same result whatever the chunk size, even cutting through multi-byte characters", async () => {
    const whole = await readOrders(textStream(GENERIC), { format: "generic" })
    expect(whole.history.lines.map((l) => l.title)).toEqual(['Caf\u00e9 "noir", 250 g', "Mug \u2615", "\u00c9t\u00e9"])
    for (const chunkBytes of [1, 2, 3, 7, 64]) {
      expect(await readOrders(textStream(GENERIC, chunkBytes), { format: "generic" })).toEqual(whole)
    }

    const cdnow = " 00001 19970101  1   11.77\r\n 00001 19970102  2   20.00\r\n 00002 19970103  1   5.00\r\n"
    const cdnowWhole = await readOrders(textStream(cdnow), { format: "cdnow" })
    expect(cdnowWhole.summary.linesKept).toBe(3)
    for (const chunkBytes of [1, 2, 5, 13]) {
      expect(await readOrders(textStream(cdnow, chunkBytes), { format: "cdnow" })).toEqual(cdnowWhole)
    }
  })
})
