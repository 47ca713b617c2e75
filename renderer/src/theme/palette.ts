// The window's colours, light and dark: one palette per theme, used by the app's CSS (as custom
// properties, see apply-theme.ts) and by AG Grid's theme (grid-theme.ts), so the grid, toolbar,
// status bar and dialogs never mix palettes.
//
// Row backgrounds come in three groups that must never be mistaken for one another:
//   TCPView's short-lived marks   new (green), changed (yellow), removed (red)
//   suspicion, lasting            notice (teal), warning (orange), danger (violet)
//   the person's own              selection (blue, opaque: it replaces a tint, never mixes)
//                                 and hover (a faint neutral shade over whatever is there)
// test/unit/ux-palette.test.ts checks that every pair of them is clearly apart (CIEDE2000 ≥ 10)
// and that text keeps a contrast of at least 7:1 (WCAG AAA) on each, in both themes.

import type { Theme } from '../../../shared/settings';
import { WINDOW_BACKGROUND } from '../../../shared/window-background';

export type ThemeMode = 'light' | 'dark';

/** Which palette a choice means right now. */
export function resolveThemeMode(theme: Theme, systemPrefersDark: boolean): ThemeMode {
  if (theme === 'system') return systemPrefersDark ? 'dark' : 'light';
  return theme;
}

export interface Palette {
  mode: ThemeMode;
  /** The table, dialogs and inputs. */
  background: string;
  /** Toolbar, column headers, status bar. */
  chrome: string;
  foreground: string;
  /** Secondary text: hints, placeholders, the status bar. */
  muted: string;
  border: string;
  accent: string;
  /** Text on an accent-coloured surface. */
  onAccent: string;
  /** A pressed toggle button. */
  pressed: string;
  /** Text that warns (warning severity, "Paused") and that reports an error. */
  warningText: string;
  errorText: string;
  /** Every other row, faintly (CurrPorts' odd/even shading). */
  oddRow: string;
  /** Laid over a row under the pointer: translucent, so a tinted row stays its colour. */
  hover: string;
  /** A selected row, opaque. */
  selection: string;
  marks: { new: string; changed: string; removed: string };
  /** Row tints by severity. */
  severity: { notice: string; warning: string; danger: string };
  /** Strong severity colours: the row's left stripe and the Why badge. */
  severityEdge: { notice: string; warning: string; danger: string };
  /** Lines of the traffic chart in Properties. */
  chart: { send: string; receive: string; grid: string };
}

export const LIGHT: Palette = {
  mode: 'light',
  background: WINDOW_BACKGROUND.light,
  chrome: '#f6f8fa',
  foreground: '#1f2328',
  muted: '#59636e',
  border: '#d1d9e0',
  accent: '#0969da',
  onAccent: '#ffffff',
  pressed: '#ddf4ff',
  warningText: '#9a4a00',
  errorText: '#cf222e',
  oddRow: '#f6f8fa',
  hover: 'rgb(0 0 0 / 6%)',
  selection: '#b3d1fa',
  marks: { new: '#bdf0c4', changed: '#fff09a', removed: '#ffc2c2' },
  severity: { notice: '#c4f0ee', warning: '#ffd29c', danger: '#eec2fb' },
  severityEdge: { notice: '#0b7f7f', warning: '#c2410c', danger: '#9333c4' },
  chart: { send: '#c2410c', receive: '#0969da', grid: '#d1d9e0' },
};

export const DARK: Palette = {
  mode: 'dark',
  background: WINDOW_BACKGROUND.dark,
  chrome: '#1c2128',
  foreground: '#e6edf3',
  muted: '#9198a1',
  border: '#343b44',
  accent: '#4493f8',
  onAccent: '#0d1117',
  pressed: '#1f3a5f',
  warningText: '#f0a040',
  errorText: '#ff7b72',
  oddRow: '#1a1f25',
  hover: 'rgb(255 255 255 / 7%)',
  selection: '#1d4a86',
  marks: { new: '#1d4f2c', changed: '#564a0c', removed: '#6a2126' },
  severity: { notice: '#0f4646', warning: '#64380c', danger: '#53205f' },
  severityEdge: { notice: '#2ec4c4', warning: '#fb923c', danger: '#d08cf5' },
  chart: { send: '#fb923c', receive: '#4493f8', grid: '#343b44' },
};

export function paletteFor(mode: ThemeMode): Palette {
  return mode === 'dark' ? DARK : LIGHT;
}

/** The palette as CSS custom properties (--ps-bg …), for the app's own stylesheets. */
export function paletteCssVariables(palette: Palette): Record<string, string> {
  return {
    '--ps-bg': palette.background,
    '--ps-chrome': palette.chrome,
    '--ps-fg': palette.foreground,
    '--ps-muted': palette.muted,
    '--ps-border': palette.border,
    '--ps-accent': palette.accent,
    '--ps-on-accent': palette.onAccent,
    '--ps-pressed-bg': palette.pressed,
    '--ps-warning': palette.warningText,
    '--ps-error': palette.errorText,
    '--ps-odd-row': palette.oddRow,
    '--ps-hover': palette.hover,
    '--ps-selection': palette.selection,
    '--ps-new': palette.marks.new,
    '--ps-changed': palette.marks.changed,
    '--ps-removed': palette.marks.removed,
    '--ps-suspicion-notice': palette.severity.notice,
    '--ps-suspicion-warning': palette.severity.warning,
    '--ps-suspicion-danger': palette.severity.danger,
    '--ps-suspicion-notice-edge': palette.severityEdge.notice,
    '--ps-suspicion-warning-edge': palette.severityEdge.warning,
    '--ps-suspicion-danger-edge': palette.severityEdge.danger,
    '--ps-chart-send': palette.chart.send,
    '--ps-chart-receive': palette.chart.receive,
    '--ps-chart-grid': palette.chart.grid,
  };
}
