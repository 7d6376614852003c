"use client";

import { Component, type ReactNode } from "react";

/** One failing chart must not blank the page: it shows a line instead. */
export class ChartErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  render() {
    return this.state.failed ? (
      <p className="text-sm text-slate-500">This chart could not be drawn.</p>
    ) : (
      this.props.children
    );
  }
}
