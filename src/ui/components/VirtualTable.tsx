import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';

export interface VirtualColumn {
  label: string;
  /** Tailwind width and alignment classes of the column's cells. */
  className: string;
}

/** Fixed row height in CSS pixels: every row is one line, so positions are arithmetic. */
export const ROW_HEIGHT = 44;
const OVERSCAN = 8;

/**
 * A table of any length that draws only the rows in view (plus a few): 20,000 bookings cost the same to
 * show as 30. ARIA table semantics with row counts and indices, so a screen reader hears "row 5 of 20,001";
 * the scroll area takes keyboard focus (arrows, Page Up/Down). Positions are set through the CSSOM
 * (React's style), which the strict CSP allows; no style element is injected.
 */
export function VirtualTable({ label, columns, count, renderRow, height = 560, testId }: { label: string; columns: readonly VirtualColumn[]; count: number; renderRow(index: number): ReactNode[]; height?: number; testId?: string }) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(height);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (element === null) return;
    setViewport(element.clientHeight || height);
    // A new filter starts at the top: an old scroll position would show an empty stretch.
    if (element.scrollTop > count * ROW_HEIGHT) {
      element.scrollTop = 0;
      setScrollTop(0);
    }
  }, [count, height]);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(count, Math.ceil((scrollTop + viewport) / ROW_HEIGHT) + OVERSCAN);
  const rows: ReactNode[] = [];
  for (let index = first; index < last; index++) {
    const cells = renderRow(index);
    rows.push(
      <div key={index} role="row" aria-rowindex={index + 2} data-row={index} className="absolute inset-x-0 flex items-center border-b border-slate-100 px-4 text-sm" style={{ top: index * ROW_HEIGHT, height: ROW_HEIGHT }}>
        {cells.map((cell, column) => (
          <div key={column} role="cell" className={`truncate px-2 ${columns[column]?.className ?? ''}`}>{cell}</div>
        ))}
      </div>,
    );
  }

  // The scroll area holds the whole table (the header sticks), so the table's children are only row groups.
  return (
    <div ref={scroller} tabIndex={0} onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)} className="overflow-y-auto rounded-2xl border border-slate-200 bg-white shadow-sm outline-none focus-visible:ring-4 focus-visible:ring-emerald-500/40" style={{ height }}>
      <div role="table" aria-label={label} aria-rowcount={count + 1} data-table={testId} data-count={count}>
        <div role="rowgroup" className="sticky top-0 z-10">
          <div role="row" aria-rowindex={1} className="flex border-b border-slate-200 bg-slate-50 px-4 py-2.5 text-xs font-semibold uppercase tracking-wide text-slate-600">
            {columns.map((column) => (
              <div key={column.label} role="columnheader" className={`px-2 ${column.className}`}>{column.label}</div>
            ))}
          </div>
        </div>
        <div role="rowgroup" className="relative" style={{ height: count * ROW_HEIGHT }}>
          {rows}
        </div>
      </div>
    </div>
  );
}
