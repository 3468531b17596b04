import { createTheme, type CSSVariablesResolver } from '@mantine/core';

// Indigo 7 (light) and 8 (dark) keep white button text above the WCAG AA 4.5:1 ratio.
export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: { light: 7, dark: 8 },
  autoContrast: true,
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  headings: {
    fontWeight: '700',
    // Long Russian words: a smaller h1 on 360 px phones, Mantine's 34 px from tablets up.
    sizes: { h1: { fontSize: 'clamp(1.75rem, 1.2rem + 2.5vw, 2.125rem)' } },
  },
  defaultRadius: 'md',
});

// Mantine's default dimmed text (gray-6 / dark-2) is below 4.5:1 on the page background.
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  // Mantine's defaults for dimmed text and error messages are below WCAG AA contrast.
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-8)',
  },
  dark: {
    '--mantine-color-dimmed': 'var(--mantine-color-dark-1)',
    '--mantine-color-error': 'var(--mantine-color-red-4)',
  },
});
