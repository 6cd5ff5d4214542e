import { Photo } from "@medusajs/icons"

/** A product's thumbnail, or a placeholder when it has none. */
export function ProductThumbnail({ src, alt }: { src: string | null; alt: string }) {
  return (
    <div className="bg-ui-bg-component border-ui-border-base flex h-8 w-6 shrink-0 items-center justify-center overflow-hidden rounded border">
      {src ? <img src={src} alt={alt} className="h-full w-full object-cover object-center" /> : <Photo className="text-ui-fg-subtle" />}
    </div>
  )
}
