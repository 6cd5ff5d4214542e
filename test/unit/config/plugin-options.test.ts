import { SEGMENT_IDS } from "../../../src/core/segments/segment-catalog"
import { eventMaxWaitSeconds, InvalidPluginOptionsError, parsePluginOptions } from "../../../src/config/plugin-options"
import { redactUrl } from "../../../src/config/redact"

function problemsOf(raw: unknown): string[] {
  try {
    parsePluginOptions(raw)
  } catch (error) {
    if (error instanceof InvalidPluginOptionsError) return error.problems
    throw error
  }
  throw new Error("expected the options to be rejected")
}

describe("plugin options", () => {
  it("fills every default when nothing is given", () => {
    const options = parsePluginOptions(undefined)
    expect(options).toEqual({
      queuePrefix: "medusa-ml",
      store: "medusa",
      horizonDays: 90,
      clvHorizonDays: 365,
      retrainCron: "0 3 * * *",
      seed: 42,
      eventDebounceSeconds: 30,
      readiness: { minCustomersWithOrders: 50, minRepeatCustomers: 20, minHistoryDays: 60, minRecentOrders: 1 },
      recommendations: { limit: 20 },
      currencyRates: {},
      customerGroups: { enabled: false, groups: { "At risk": ["at_risk", "cant_lose", "about_to_sleep"], "High value": ["champions", "loyal"] } },
    })
    expect(options.redisUrl).toBeUndefined()
  })

  it("keeps valid values and fills nested defaults", () => {
    const options = parsePluginOptions({ redisUrl: "redis://localhost:6379", readiness: { minRepeatCustomers: 5 } })
    expect(options.redisUrl).toBe("redis://localhost:6379")
    expect(options.readiness).toEqual({ minCustomersWithOrders: 50, minRepeatCustomers: 5, minHistoryDays: 60, minRecentOrders: 1 })
  })

  it.each([
    [{ horizonDays: 0 }, 'option "horizonDays" must be at least 7 days (got 0)'],
    [{ eventDebounceSeconds: 0 }, 'option "eventDebounceSeconds" must be at least 1 (got 0)'],
    [{ eventMaxWaitSeconds: 100_000 }, 'option "eventMaxWaitSeconds" must be at most 86400 (got 100000)'],
    [{ eventDebounceSeconds: 600, eventMaxWaitSeconds: 120 }, 'option "eventMaxWaitSeconds" must be at least eventDebounceSeconds (600) (got 120)'],
    [{ customerGroups: { groups: { VIP: ["whales"] } } }, `option "customerGroups.groups.VIP.0" must list segments among ${SEGMENT_IDS.join(", ")} (got "whales")`],
    [{ horizonDays: 1000 }, 'option "horizonDays" must be at most 730 days (got 1000)'],
    [{ horizonDays: 30.5 }, 'option "horizonDays" must be a whole number of days between 7 and 730 (got 30.5)'],
    [{ churnWindowDays: "90" }, 'option "churnWindowDays" must be a number of days between 7 and 730 (got "90")'],
    [{ clvHorizonDays: 10 }, 'option "clvHorizonDays" must be at least 30 days (got 10)'],
    [{ redisUrl: "localhost:6379" }, 'option "redisUrl" must be a redis:// or rediss:// URL (got "localhost:6379")'],
    [{ queuePrefix: "bad prefix!" }, `option "queuePrefix" must be text of 1 to 40 letters, digits, '-' or '_' (got "bad prefix!")`],
    [{ store: "mysql://x" }, 'option "store" must be "medusa", a postgres:// URL or sqlite:PATH (got "mysql://x")'],
    [{ retrainCron: "every night" }, 'option "retrainCron" must be a 5-field cron expression such as "0 3 * * *" (got "every night")'],
    [{ seed: -1 }, 'option "seed" must be at least 0 (got -1)'],
    [{ readiness: { minHistoryDays: 0 } }, 'option "readiness.minHistoryDays" must be at least 1 days (got 0)'],
    [{ recommendations: { limit: 500 } }, 'option "recommendations.limit" must be at most 100 (got 500)'],
    [{ horizon: 90 }, 'unknown option: "horizon"'],
    [{ readiness: { minCustomers: 3 } }, 'unknown option in "readiness": "minCustomers"'],
  ])("rejects %j naming the option and its bound", (raw, message) => {
    expect(problemsOf(raw)).toEqual([message])
  })

  it("waits at most 120 s for event work by default, or the debounce when that is longer", () => {
    expect(eventMaxWaitSeconds(parsePluginOptions({}))).toBe(120)
    expect(eventMaxWaitSeconds(parsePluginOptions({ eventDebounceSeconds: 3600 }))).toBe(3600)
    expect(eventMaxWaitSeconds(parsePluginOptions({ eventDebounceSeconds: 5, eventMaxWaitSeconds: 20 }))).toBe(20)
  })

  it("lists every bad option at once", () => {
    expect(problemsOf({ horizonDays: 1, seed: 1.5 })).toHaveLength(2)
  })

  it("never repeats a password given in a URL", () => {
    const problems = problemsOf({ store: "mysql://admin:s3cret@db/shop" })
    expect(problems.join("\n")).not.toContain("s3cret")
    expect(problems[0]).toContain("mysql://admin:***@db/shop")
  })
})

describe("redactUrl", () => {
  it("hides the password of every URL in a text and keeps the rest", () => {
    expect(redactUrl("postgres://shop:pw@db:5432/shop and redis://:secret@cache:6379")).toBe(
      "postgres://shop:***@db:5432/shop and redis://:***@cache:6379"
    )
    expect(redactUrl("postgres://db:5432/shop")).toBe("postgres://db:5432/shop")
  })

  it.each([
    ["postgres://u:p@ss@db/shop", "postgres://u:***@db/shop"],
    ["postgres://u:pa/ss#1@db:5432/shop", "postgres://u:***@db:5432/shop"],
    ["postgres://db/shop?user=u&password=s3cret&ssl=true", "postgres://db/shop?user=u&password=***&ssl=true"],
    ["failed: connect to redis://:p@ss@cache:6379 refused", "failed: connect to redis://:***@cache:6379 refused"],
  ])("hides a password of any shape: %s", (input, expected) => {
    expect(redactUrl(input)).toBe(expected)
  })
})
