// AG Grid's Theming API: Quartz, compact for a dense table, with the app's own palette in each
// mode. Quartz picks the mode from data-ag-theme-mode on <body> (apply-theme.ts sets it), and the
// app's CSS reads the same palette through custom properties: one set of colours everywhere.
import { themeQuartz } from 'ag-grid-community';
import { DARK, LIGHT, type Palette } from './palette';

function modeParams(palette: Palette) {
  return {
    browserColorScheme: palette.mode,
    backgroundColor: palette.background,
    foregroundColor: palette.foreground,
    textColor: palette.foreground,
    borderColor: palette.border,
    chromeBackgroundColor: palette.chrome,
    headerBackgroundColor: palette.chrome,
    accentColor: palette.accent,
    oddRowBackgroundColor: palette.oddRow,
    rowHoverColor: palette.hover,
    selectedRowBackgroundColor: palette.selection,
    tooltipBackgroundColor: palette.chrome,
    tooltipTextColor: palette.foreground,
    tooltipBorder: { color: palette.border },
  } as const;
}

export const gridTheme = themeQuartz
  .withParams({
    fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif',
    fontSize: 12,
    headerFontSize: 12,
    headerFontWeight: 600,
    rowHeight: 24,
    headerHeight: 30,
    spacing: 4,
    cellHorizontalPadding: 8,
    wrapperBorderRadius: 0,
    wrapperBorder: false,
  })
  .withParams(modeParams(LIGHT), 'light')
  .withParams(modeParams(DARK), 'dark');
