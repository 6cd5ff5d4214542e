/**
 * What a panel shows while its data loads, when loading failed, and when there is
 * nothing to show yet: always a message, never a blank panel.
 */
import { Alert, Button, Skeleton, Text } from "@medusajs/ui"
import type { ReactNode } from "react"
import type { MlApiError } from "../lib/api"
import type { ApiState } from "../lib/use-api"

export function PanelLoading({ what }: { what: string }) {
  return (
    <div className="flex flex-col gap-y-2 px-6 py-4" data-testid="ml-loading" aria-busy="true">
      <Skeleton className="h-4 w-2/3" />
      <Skeleton className="h-4 w-1/2" />
      <Text size="small" className="text-ui-fg-muted">
        Loading {what}…
      </Text>
    </div>
  )
}

export function PanelError({ what, error, onRetry }: { what: string; error: MlApiError; onRetry?: () => void }) {
  return (
    <div className="px-6 py-4" data-testid="ml-error">
      <Alert variant="error">
        <div className="flex flex-col gap-y-2">
          <Text size="small" weight="plus">
            Could not load {what}.
          </Text>
          <Text size="small">
            {error.message}
            {error.status ? ` (HTTP ${error.status})` : ""}
          </Text>
          {onRetry && (
            <div>
              <Button size="small" variant="secondary" onClick={onRetry}>
                Try again
              </Button>
            </div>
          )}
        </div>
      </Alert>
    </div>
  )
}

export function PanelEmpty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="flex flex-col gap-y-1 px-6 py-4" data-testid="ml-empty">
      <Text size="small" weight="plus">
        {title}
      </Text>
      {children && <div className="text-ui-fg-subtle txt-small">{children}</div>}
    </div>
  )
}

/** Loading, error (with a retry) or `children(data)`. */
export function LoadView<T>({ state, what, children }: { state: ApiState<T>; what: string; children: (data: T) => ReactNode }) {
  const { load, reload } = state
  if (load.status === "loading") return <PanelLoading what={what} />
  if (load.status === "error") return <PanelError what={what} error={load.error} onRetry={reload} />
  return <>{children(load.data)}</>
}
