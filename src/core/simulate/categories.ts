/**
 * The simulated store's departments. Each product is a brand + an item of its category
 * ("Cedar Pour-Over Dripper"); its price is log-normal around the item's median. Items
 * marked `consumable` run out and are bought again by the same customer.
 * A few titles hold a comma or double quotes, as real catalogues do.
 */

export interface CategoryItem {
  name: string
  /** Median price in the base currency (USD). */
  median: number
  consumable: boolean
}

export interface CategorySpec {
  name: string
  /** Share of the store's demand before customer preferences. */
  share: number
  /** Log-normal sigma of a product's price around its item's median. */
  priceSpread: number
  /** The category whose products are most often bought alongside this one's. */
  related: string
  items: readonly CategoryItem[]
}

const item = (name: string, median: number, consumable = false): CategoryItem => ({ name, median, consumable })

export const BRANDS = ["Alder", "Birch", "Cedar", "Juniper", "Maple", "Oak", "Rowan", "Willow"] as const

export const CATEGORIES: readonly CategorySpec[] = [
  {
    name: "Coffee",
    share: 0.18,
    priceSpread: 0.2,
    related: "Kitchen",
    items: [
      item("Whole Bean Coffee", 15, true),
      item("Ground Coffee", 12, true),
      item("Espresso Pods, 20 Pack", 9, true),
      item("Cold Brew Concentrate", 11, true),
      item("Paper Filters", 5, true),
      item("Pour-Over Dripper", 28),
      item("Burr Grinder", 95),
      item("Milk Frother", 35),
      item("French Press", 32),
    ],
  },
  {
    name: "Tea",
    share: 0.12,
    priceSpread: 0.2,
    related: "Books",
    items: [
      item("Loose Leaf Green Tea", 11, true),
      item("Earl Grey Tea Bags", 7, true),
      item("Chai Blend", 10, true),
      item("Herbal Infusion", 8, true),
      item("Matcha Powder", 24, true),
      item("Cast Iron Teapot", 45),
      item("Tea Infuser", 12),
      item("Glass Tea Cups, Set of 2", 18),
    ],
  },
  {
    name: "Kitchen",
    share: 0.14,
    priceSpread: 0.3,
    related: "Coffee",
    items: [
      item('Enamel Mug "Good Morning"', 14),
      item("Chef's Knife", 60),
      item("Cutting Board", 30),
      item("Dish Soap", 6, true),
      item("Sponges, 6 Pack", 5, true),
      item("Tea Towels, Set of 3", 16),
      item("Storage Jars", 22),
      item("Cast Iron Skillet", 48),
    ],
  },
  {
    name: "Home",
    share: 0.12,
    priceSpread: 0.35,
    related: "Beauty",
    items: [
      item("Scented Candle", 22, true),
      item("Linen Cushion Cover", 28),
      item("Wool Throw", 85),
      item("Ceramic Vase", 38),
      item("Table Lamp", 75),
      item("Laundry Detergent", 14, true),
      item("Photo Frame", 18),
    ],
  },
  {
    name: "Apparel",
    share: 0.14,
    priceSpread: 0.3,
    related: "Outdoor",
    items: [
      item("Organic Cotton T-Shirt", 25),
      item("Merino Sweater", 90),
      item("Socks, 3 Pack", 14),
      item("Canvas Tote Bag", 20),
      item("Beanie", 22),
      item("Rain Jacket", 120),
      item("Linen Shirt", 55),
    ],
  },
  {
    name: "Beauty",
    share: 0.12,
    priceSpread: 0.25,
    related: "Home",
    items: [
      item("Shampoo", 12, true),
      item("Conditioner", 12, true),
      item("Hand Cream", 9, true),
      item("Bar Soap", 6, true),
      item("Face Serum", 32, true),
      item("Lip Balm", 4, true),
      item("Bamboo Hairbrush", 15),
    ],
  },
  {
    name: "Books",
    share: 0.08,
    priceSpread: 0.25,
    related: "Tea",
    items: [
      item("Cookbook", 30),
      item("Travel Guide", 22),
      item("Novel", 16),
      item("Notebook", 12, true),
      item("Wall Calendar", 15),
      item("Field Guide to Birds", 25),
    ],
  },
  {
    name: "Outdoor",
    share: 0.1,
    priceSpread: 0.35,
    related: "Apparel",
    items: [
      item("Insulated Bottle", 30),
      item("Camping Stove", 70),
      item("Fuel Canister", 8, true),
      item("Daypack", 65),
      item("Headlamp", 35),
      item("Trail Mix", 6, true),
      item("Picnic Blanket", 40),
    ],
  },
]
