/**
 * Skip re-rendering a component whose props did not change (a shallow compare), without
 * pulling in preact/compat's memo(). Callers keep callbacks stable (useCallback).
 */
import { Component, h, type FunctionComponent } from 'preact';

export function pure<P extends object>(render: FunctionComponent<P>) {
  return class Pure extends Component<P> {
    override shouldComponentUpdate(next: P): boolean {
      const before = this.props as Record<string, unknown>;
      const after = next as Record<string, unknown>;
      for (const key in after) if (after[key] !== before[key]) return true;
      for (const key in before) if (!(key in after)) return true;
      return false;
    }
    override render(props: P) {
      return h(render, props);
    }
  };
}
