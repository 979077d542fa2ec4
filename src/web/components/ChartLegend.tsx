/** A chart's legend as a plain list: a colour swatch (or a line) and a label per series. */

export interface LegendItem {
  label: string;
  /** A Mantine colour with its shade: `blue.6`. */
  color: string;
  /** Drawn as a line (a reference line) instead of a swatch. */
  line?: boolean;
}

function cssColor(color: string): string {
  const [name, shade] = color.split('.');
  return `var(--mantine-color-${name}-${shade ?? 6})`;
}

export function ChartLegend({ items }: { items: readonly LegendItem[] }) {
  return (
    <ul className="chart-legend" aria-label="Legend">
      {items.map((item) => (
        <li key={item.label}>
          <span
            aria-hidden="true"
            className={item.line ? 'chart-legend-line' : 'chart-legend-swatch'}
            style={{ background: cssColor(item.color) }}
          />
          {item.label}
        </li>
      ))}
    </ul>
  );
}
