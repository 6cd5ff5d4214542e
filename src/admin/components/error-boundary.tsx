/** Keeps a rendering error inside one panel: the rest of the admin page stays usable. */
import { Alert, Text } from "@medusajs/ui"
import { Component, type ErrorInfo, type ReactNode } from "react"

interface Props {
  what: string
  children: ReactNode
}

export class PanelErrorBoundary extends Component<Props, { error: Error | null }> {
  override state = { error: null as Error | null }

  static getDerivedStateFromError(error: Error) {
    return { error }
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`medusa-ml: ${this.props.what} failed to render`, error, info.componentStack)
  }

  override render() {
    if (!this.state.error) return this.props.children
    return (
      <div className="px-6 py-4" data-testid="ml-error">
        <Alert variant="error">
          <Text size="small">
            {this.props.what} could not be shown: {this.state.error.message}
          </Text>
        </Alert>
      </div>
    )
  }
}
