import { readdirSync, readFileSync } from "node:fs"
import path from "node:path"
import { INJECTION_ZONES } from "@medusajs/admin-shared"

const WIDGETS = path.join(__dirname, "../../../src/admin/widgets")

/** The zones a widget file's `defineWidgetConfig` names (one zone or a list). */
function zonesOf(source: string): string[] {
  const config = /defineWidgetConfig\(\s*\{[^}]*?zone:\s*(\[[^\]]*\]|"[^"]*"|'[^']*')/.exec(source)
  if (!config) return []
  return [...config[1].matchAll(/["']([^"']+)["']/g)].map((m) => m[1])
}

describe("the admin widgets' zones (Medusa 2.21)", () => {
  const widgets = readdirSync(WIDGETS)
    .filter((name) => name.endsWith(".tsx"))
    .map((name) => ({ name, zones: zonesOf(readFileSync(path.join(WIDGETS, name), "utf8")) }))

  it("finds every widget and its zone", () => {
    expect(widgets.length).toBeGreaterThanOrEqual(4)
    expect(widgets.filter((w) => w.zones.length === 0).map((w) => w.name)).toEqual([])
  })

  it("are zones this Medusa's admin knows (@medusajs/admin-shared INJECTION_ZONES)", () => {
    const known = new Set<string>(INJECTION_ZONES)
    const unknown = widgets.flatMap((w) => w.zones.filter((zone) => !known.has(zone)).map((zone) => `${w.name}: ${zone}`))
    expect(unknown).toEqual([])
  })

  it("carry no deprecated .before/.after suffix: the layout places suffix-free zones and ignores the suffix", () => {
    const suffixed = widgets.flatMap((w) => w.zones.filter((zone) => /\.(before|after)$/.test(zone)).map((zone) => `${w.name}: ${zone}`))
    expect(suffixed).toEqual([])
  })

  it("reads a zone list as well as a single zone", () => {
    expect(zonesOf(`defineWidgetConfig({ zone: ["order.details", "customer.list"] })`)).toEqual(["order.details", "customer.list"])
    expect(zonesOf(`defineWidgetConfig({ zone: "product.details.after", id: "x" })`)).toEqual(["product.details.after"])
  })
})
