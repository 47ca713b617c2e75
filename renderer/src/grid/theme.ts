// AG Grid's Theming API: Quartz, compact for a dense table, light or dark following the OS.
// Quartz reads the colour scheme from data-ag-theme-mode ("light" / "dark"), so following
// prefers-color-scheme is one attribute on <body>; the app's own CSS keys off the same attribute.
import { themeQuartz } from 'ag-grid-community';

export const gridTheme = themeQuartz.withParams({
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif',
  fontSize: 12,
  headerFontSize: 12,
  rowHeight: 24,
  headerHeight: 30,
  spacing: 4,
  cellHorizontalPadding: 8,
  wrapperBorderRadius: 0,
});

/** Keep data-ag-theme-mode in step with the OS theme; returns an unsubscribe. */
export function followColorScheme(): () => void {
  const query = window.matchMedia('(prefers-color-scheme: dark)');
  const apply = () => {
    document.body.dataset.agThemeMode = query.matches ? 'dark' : 'light';
  };
  apply();
  query.addEventListener('change', apply);
  return () => query.removeEventListener('change', apply);
}
