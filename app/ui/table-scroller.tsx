import type { ReactNode } from "react";

/**
 * The frame of a table that may be wider than the screen. Keyboard users can only scroll it
 * sideways when it can take the focus, and a focusable region needs a name (WCAG 2.1.1, axe
 * "scrollable-region-focusable").
 */
export function TableScroller({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
