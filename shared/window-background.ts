// The window's background in each theme. Main paints the native window with it before the page's
// first frame (BrowserWindow backgroundColor), and the page's palette uses the same value, so
// opening the window never flashes a different colour.
export const WINDOW_BACKGROUND = { light: '#ffffff', dark: '#15191e' } as const;
