/**
 * The dashboard's User Timing marks (`performance.mark`), read by the page benchmark
 * (bench/scenarios/page.ts): when the headline figures were first on screen.
 */

/** The first time the report's totals rendered on this page load. */
export const FIGURES_MARK = 'fulcrum:dashboard-figures';

/** Marks the first meaningful render once per page load (later renders keep the first). */
export function markFiguresShown(): void {
  if (typeof performance === 'undefined' || typeof performance.mark !== 'function') return;
  if (performance.getEntriesByName(FIGURES_MARK, 'mark').length > 0) return;
  performance.mark(FIGURES_MARK);
}
