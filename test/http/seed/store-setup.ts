/**
 * The store's frame, set up through Medusa's workflows: its currencies, regions and
 * sales channels.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { createRegionsWorkflow, createSalesChannelsWorkflow, updateStoresWorkflow } from "@medusajs/medusa/core-flows"

/** Makes `defaultCurrency` the store's default and supports `others` too; returns the store's id. */
export async function setStoreCurrencies(container: MedusaContainer, defaultCurrency: string, others: string[]): Promise<string> {
  const storeModule = container.resolve(Modules.STORE)
  const [store] = await storeModule.listStores({}, { take: 1 })
  if (!store) throw new Error("the app has no store: Medusa creates one at start-up")
  await updateStoresWorkflow(container).run({
    input: {
      selector: { id: store.id },
      update: {
        supported_currencies: [
          { currency_code: defaultCurrency, is_default: true },
          ...others.map((currency_code) => ({ currency_code, is_default: false })),
        ],
      },
    },
  })
  return store.id
}

export interface RegionSeed {
  name: string
  currency: string
  /** ISO 3166-1 alpha-2 codes, lower case. */
  countries: string[]
}

/** Creates the regions; returns their ids in the same order. */
export async function createRegions(container: MedusaContainer, regions: RegionSeed[]): Promise<string[]> {
  const { result } = await createRegionsWorkflow(container).run({
    input: { regions: regions.map((r) => ({ name: r.name, currency_code: r.currency, countries: r.countries })) },
  })
  return regions.map((seed) => {
    const region = result.find((r) => r.name === seed.name)
    if (!region) throw new Error(`region ${seed.name} was not created`)
    return region.id
  })
}

/** Creates the sales channels; returns their ids in the same order. */
export async function createSalesChannels(container: MedusaContainer, names: string[]): Promise<string[]> {
  const { result } = await createSalesChannelsWorkflow(container).run({
    input: { salesChannelsData: names.map((name) => ({ name })) },
  })
  return names.map((name) => {
    const channel = result.find((c) => c.name === name)
    if (!channel) throw new Error(`sales channel ${name} was not created`)
    return channel.id
  })
}
