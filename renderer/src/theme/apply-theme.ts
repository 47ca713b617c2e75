// The colour theme: the person's choice (Preferences: system, light or dark), and for "system"
// the OS's (prefers-color-scheme, which in Electron follows nativeTheme). One attribute on <body>
// tells AG Grid which mode to draw (data-ag-theme-mode), and the palette's custom properties on
// <html> colour everything else.
import type { Theme } from '../../../shared/settings';
import { paletteCssVariables, paletteFor, resolveThemeMode, type ThemeMode } from './palette';

const darkQuery = () => window.matchMedia('(prefers-color-scheme: dark)');

let chosen: Theme = 'system';
let listening = false;

function paint(): void {
  const mode = resolveThemeMode(chosen, darkQuery().matches);
  document.body.dataset.agThemeMode = mode;
  const root = document.documentElement;
  root.style.colorScheme = mode;
  for (const [name, value] of Object.entries(paletteCssVariables(paletteFor(mode)))) {
    root.style.setProperty(name, value);
  }
}

/** Apply a theme choice now, and keep following the OS while it is "system". */
export function applyTheme(theme: Theme): void {
  chosen = theme;
  if (!listening) {
    listening = true;
    darkQuery().addEventListener('change', paint);
  }
  paint();
}

export function currentThemeMode(): ThemeMode {
  return document.body.dataset.agThemeMode === 'dark' ? 'dark' : 'light';
}
