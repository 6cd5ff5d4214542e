/** A progress bar in the admin's colours (the UI kit has none). */
export function ProgressBar({ value, label }: { value: number; label: string }) {
  const percent = Math.round(Math.min(1, Math.max(0, value)) * 100)
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      className="bg-ui-bg-subtle border-ui-border-base h-2 w-full overflow-hidden rounded-full border"
      data-testid="ml-retrain-progress"
    >
      <div className="bg-ui-fg-interactive h-full transition-[width] duration-500" style={{ width: `${percent}%` }} />
    </div>
  )
}
