/**
 * The Mantine theme: one primary colour dark enough for white text, and text colours
 * for tinted badges and alerts that keep WCAG AA contrast (4.5:1) in light and dark.
 */
import { type CSSVariablesResolver, createTheme } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: { light: 8, dark: 8 },
  defaultRadius: 'md',
  respectReducedMotion: true,
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '650' },
  components: {
    Anchor: { defaultProps: { underline: 'always' } },
    Modal: { defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } },
    Tooltip: {
      defaultProps: {
        multiline: true,
        maw: 320,
        withArrow: true,
        events: { hover: true, focus: true, touch: true },
      },
    },
  },
});

/** Darker text on tinted backgrounds in the light scheme (Mantine's shade 6 is too light). */
const LIGHT_TEXT: Record<string, string> = {
  blue: 'var(--mantine-color-blue-9)',
  teal: 'var(--mantine-color-teal-9)',
  red: 'var(--mantine-color-red-9)',
  grape: 'var(--mantine-color-grape-9)',
  violet: 'var(--mantine-color-violet-9)',
  indigo: 'var(--mantine-color-indigo-9)',
  cyan: '#0b6b7d',
  gray: 'var(--mantine-color-gray-8)',
  green: '#1f6b30',
  orange: '#a63c06',
  yellow: '#7a4a00',
};

export const cssVariablesResolver: CSSVariablesResolver = () => {
  const light: Record<string, string> = {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-anchor': 'var(--mantine-color-blue-8)',
  };
  for (const [color, text] of Object.entries(LIGHT_TEXT)) {
    light[`--mantine-color-${color}-light-color`] = text;
    light[`--mantine-color-${color}-outline`] = text;
    light[`--mantine-color-${color}-text`] = text;
  }
  return {
    variables: {},
    light,
    dark: {
      '--mantine-color-dimmed': 'var(--mantine-color-dark-1)',
      '--mantine-color-anchor': 'var(--mantine-color-blue-3)',
    },
  };
};
