/**
 * Why there is no model yet, in the store's own figures: what GET /admin/ml/readiness
 * says is missing, or that the data is enough and a training has not run yet; while the
 * first check of the store's data runs, that it is checking.
 */
import { Text } from "@medusajs/ui"
import { useReadiness } from "../lib/use-readiness"

const CHECKING = "Checking the store's data…"

export function ReadinessNote() {
  const { load } = useReadiness()
  if (load.status === "loading") return <Text size="small" className="text-ui-fg-muted">{CHECKING}</Text>
  if (load.status === "error") {
    return <Text size="small" className="text-ui-fg-muted">The data check is unavailable: {load.error.message}</Text>
  }
  const { readiness } = load.data
  if (!readiness) {
    return (
      <Text size="small" className="text-ui-fg-muted" data-testid="ml-readiness-checking">
        {CHECKING}
      </Text>
    )
  }
  if (readiness.ready) {
    return (
      <Text size="small" data-testid="ml-readiness-ready">
        The store has enough data: a model is trained at the next scheduled training, or now from ML Insights → Models → Retrain now.
      </Text>
    )
  }
  return (
    <div data-testid="ml-readiness-missing">
      <Text size="small">Training needs more data. Missing:</Text>
      <ul className="list-disc pl-5">
        {readiness.missing.map((line) => (
          <li key={line}>
            <Text size="small">{line}</Text>
          </li>
        ))}
      </ul>
    </div>
  )
}
