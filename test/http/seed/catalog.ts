/** Products with one variant each, created through Medusa's product workflows. */
import type { MedusaContainer } from "@medusajs/framework/types"
import { ProductStatus } from "@medusajs/framework/utils"
import { createProductCategoriesWorkflow, createProductsWorkflow } from "@medusajs/medusa/core-flows"

export interface ProductSeed {
  title: string
  /** @defaultValue "published" */
  status?: "published" | "draft"
  /** A category created for it (categories of the same name are shared). */
  category?: string
  salesChannelIds: string[]
  /** Price of its variant by currency code, e.g. `{ usd: 20, eur: 18 }`. */
  prices: Record<string, number>
}

export interface SeededProduct {
  productId: string
  variantId: string
  title: string
}

/** Creates the products (and their categories); returns them by the keys of `products`. */
export async function createCatalog<K extends string>(
  container: MedusaContainer,
  products: Record<K, ProductSeed>
): Promise<Record<K, SeededProduct>> {
  const seeds = Object.entries(products) as Array<[K, ProductSeed]>
  const categoryIds = await createCategories(container, seeds.map(([, seed]) => seed.category))
  const { result } = await createProductsWorkflow(container).run({
    input: {
      products: seeds.map(([key, seed]) => ({
        title: seed.title,
        handle: key,
        status: seed.status === "draft" ? ProductStatus.DRAFT : ProductStatus.PUBLISHED,
        category_ids: seed.category ? [categoryIds.get(seed.category) as string] : undefined,
        sales_channels: seed.salesChannelIds.map((id) => ({ id })),
        options: [{ title: "Size", values: ["M"] }],
        variants: [
          {
            title: `${seed.title} M`,
            options: { Size: "M" },
            manage_inventory: false,
            prices: Object.entries(seed.prices).map(([currency_code, amount]) => ({ currency_code, amount })),
          },
        ],
      })),
    },
  })
  const seeded = {} as Record<K, SeededProduct>
  for (const [key, seed] of seeds) {
    const product = result.find((p) => p.handle === key)
    const variantId = product?.variants?.[0]?.id
    if (!product || !variantId) throw new Error(`product ${key} was not created with its variant`)
    seeded[key] = { productId: product.id, variantId, title: seed.title }
  }
  return seeded
}

async function createCategories(container: MedusaContainer, names: Array<string | undefined>): Promise<Map<string, string>> {
  const unique = [...new Set(names.filter((n): n is string => n !== undefined))]
  if (unique.length === 0) return new Map()
  const { result } = await createProductCategoriesWorkflow(container).run({
    input: { product_categories: unique.map((name) => ({ name, is_active: true })) },
  })
  return new Map(result.map((c) => [c.name, c.id]))
}
