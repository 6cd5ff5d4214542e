import {
  InvalidPayloadError,
  parsePayload,
  PAYLOAD_VERSION,
  purgeCustomerPayloadSchema,
  scoreCustomersPayloadSchema,
  trainPayloadSchema,
} from "../../../src/queue/payloads"

const source = { kind: "orders-file", path: "/data/orders.csv", format: "generic" }

function problem(schema: Parameters<typeof parsePayload>[1], data: unknown): InvalidPayloadError {
  try {
    parsePayload("train", schema, data)
  } catch (error) {
    if (error instanceof InvalidPayloadError) return error
    throw error
  }
  throw new Error("the payload was accepted")
}

describe("job payloads", () => {
  it("fills the training settings with the plugin's defaults", () => {
    const payload = parsePayload("train", trainPayloadSchema, { version: PAYLOAD_VERSION, trigger: "admin", source })
    expect(payload.settings).toEqual({
      horizonDays: 90,
      clvHorizonDays: 365,
      seed: 42,
      trials: 24,
      listSize: 20,
      readiness: { minCustomersWithOrders: 50, minRepeatCustomers: 20, minHistoryDays: 60, minRecentOrders: 1 },
    })
    expect(payload.source).toEqual({ ...source, map: {} })
  })

  it.each([
    [{ version: 2, trigger: "admin", source }, "version", "must be 1"],
    [{ version: 1, trigger: "someone", source }, "trigger", "must be one of cli, admin, schedule, event"],
    [{ version: 1, trigger: "admin", source: { ...source, format: "xlsx" } }, "source.format", "must be one of"],
    [{ version: 1, trigger: "admin", source: { kind: "ftp" } }, "source.kind", ""],
    [{ version: 1, trigger: "admin", source, settings: { trials: 1000 } }, "settings.trials", "must be at most 200"],
    [{ version: 1, trigger: "admin", source, settings: { readiness: { minHistoryDays: 0.5 } } }, "settings.readiness.minHistoryDays", "whole number"],
    [{ version: 1, trigger: "admin", source, asOf: "yesterday" }, "asOf", "whole number"],
    [{ version: 1, trigger: "admin", source, extra: true }, "extra", ""],
    [{ version: 1, trigger: "admin", source, runId: "x".repeat(101) }, "runId", "at most 100 characters"],
  ])("names the bad field of %j", (data, field, message) => {
    const error = problem(trainPayloadSchema, data)
    expect(error.field).toBe(field)
    expect(error.message).toContain(`invalid train payload: ${field}: `)
    expect(error.message).toContain(message)
  })

  it("reports a payload that is not an object as a whole", () => {
    expect(problem(trainPayloadSchema, "train please").field).toBe("(payload)")
  })

  it("bounds the ids of a rescore chunk and a purge", () => {
    expect(() => parsePayload("score-customers", scoreCustomersPayloadSchema, { version: 1, source, customerIds: [] })).toThrow(
      /customerIds: must name at least one id/
    )
    expect(parsePayload("score-customers", scoreCustomersPayloadSchema, { version: 1, source }).customerIds).toBeUndefined()
    expect(() => parsePayload("purge-customer", purgeCustomerPayloadSchema, { version: 1, customerIds: [""] })).toThrow(
      /customerIds\.0: must not be empty/
    )
  })
})
