import { Text } from "@medusajs/ui"
import type { ReactNode } from "react"

/** A label and its value, as the admin's detail sections show them; `value` is the raw number shown, for tests and tools. */
export function FieldRow({ label, children, testId, value }: { label: string; children: ReactNode; testId?: string; value?: number }) {
  return (
    <div className="text-ui-fg-subtle grid grid-cols-2 items-start px-6 py-3">
      <Text size="small" leading="compact" weight="plus">
        {label}
      </Text>
      <div className="txt-small" data-testid={testId} data-value={value}>
        {children}
      </div>
    </div>
  )
}
