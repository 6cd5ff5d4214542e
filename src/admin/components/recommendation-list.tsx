/** A list of recommended products with thumbnail, title (linking to the product) and score. */
import { Text } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { decimal } from "../lib/format"
import type { ProductRecommendation } from "../lib/types"
import { ProductThumbnail } from "./product-thumbnail"

export function RecommendationList({ items, testId }: { items: readonly ProductRecommendation[]; testId: string }) {
  return (
    <ul className="flex flex-col gap-y-2" data-testid={testId}>
      {items.map(({ rank, score, product }) => (
        <li key={product.id} className="flex items-center gap-x-3" data-testid="ml-recommendation">
          <Text size="xsmall" className="text-ui-fg-muted w-4 text-right">
            {rank}
          </Text>
          <ProductThumbnail src={product.thumbnail} alt={product.title} />
          <Link to={`/products/${product.id}`} className="txt-small text-ui-fg-interactive hover:text-ui-fg-interactive-hover flex-1 truncate">
            {product.title}
          </Link>
          <Text size="xsmall" className="text-ui-fg-subtle tabular-nums" data-testid="ml-recommendation-score">
            {decimal(score, 3)}
          </Text>
        </li>
      ))}
    </ul>
  )
}
