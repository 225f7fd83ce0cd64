import { Component, type ReactNode } from "react";

// React has no hook for catching render errors; a class is still the only way. Without one, an
// error anywhere in an answer unmounts the whole app, and a reload renders the same stored answer
// again: one bad message would lock the reader out for good.

interface ErrorBoundaryProps {
  /** Shown instead of the children once they threw. */
  fallback: ReactNode;
  /**
   * The input the children render. When it changes (Object.is) they get another try: a streaming
   * block that failed half-written may render once more text has arrived.
   */
  resetKey: unknown;
  children: ReactNode;
}

interface ErrorBoundaryState {
  failed: boolean;
  resetKey: unknown;
}

export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { failed: false, resetKey: this.props.resetKey };

  static getDerivedStateFromError(): Partial<ErrorBoundaryState> {
    return { failed: true };
  }

  static getDerivedStateFromProps(
    props: ErrorBoundaryProps,
    state: ErrorBoundaryState,
  ): Partial<ErrorBoundaryState> | null {
    return Object.is(props.resetKey, state.resetKey) ? null : { failed: false, resetKey: props.resetKey };
  }

  override render(): ReactNode {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}
