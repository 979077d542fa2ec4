/**
 * One figure of the report: its value in words, with a tooltip (on hover, focus or
 * touch) saying how it was computed — the text of the domain's describeFigure. The
 * element carries the figure's JSON path and raw value (data-figure, data-value) so
 * tests can compare the page with `fulcrum report --json`.
 */
import { Tooltip } from '@mantine/core';
import type { ReactNode } from 'react';
import { describeFigure, type FigureId } from '../../domain/analysis/figures.ts';

export interface FigureProps {
  /** The figure's kind, for its "how computed" text: `streams.effectiveHourlyRate`. */
  id: FigureId;
  /** The figure's place in the report: `streams.o1.effectiveHourlyRate`. */
  path: string;
  value: number | string | boolean | null;
  children: ReactNode;
  /** Extra words after the description (the period, the formula with numbers). */
  note?: string;
}

export function Figure({ id, path, value, children, note }: FigureProps) {
  const how = describeFigure(id);
  return (
    <Tooltip label={note ? `${how} ${note}` : how}>
      <span
        className="figure"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: focus shows the tooltip to keyboard users
        tabIndex={0}
        data-figure={path}
        data-value={value === null ? 'null' : String(value)}
      >
        {children}
      </span>
    </Tooltip>
  );
}
