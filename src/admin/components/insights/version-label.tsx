import { Badge, Text } from "@medusajs/ui"
import { dateTime } from "../../lib/format"
import type { ModelStatus, ModelVersion } from "../../lib/types"

const COLOURS: Record<ModelStatus, "green" | "blue" | "grey"> = { champion: "green", challenger: "blue", rejected: "grey" }

export function StatusBadge({ status }: { status: ModelStatus }) {
  return (
    <Badge size="2xsmall" color={COLOURS[status] ?? "grey"} data-testid="ml-version-status">
      {status}
    </Badge>
  )
}

/** Status, learner and date of a model version; its id on hover. */
export function VersionLabel({ version }: { version: ModelVersion }) {
  return (
    <div className="flex flex-col gap-y-0.5 py-2" title={version.id}>
      <div className="flex items-center gap-x-2">
        <StatusBadge status={version.status} />
        <Text size="small">{version.learner}</Text>
      </div>
      <Text size="xsmall" className="text-ui-fg-muted">
        {dateTime(version.created_at)}
      </Text>
    </div>
  )
}
