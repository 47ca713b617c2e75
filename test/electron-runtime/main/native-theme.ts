// nativeTheme: the desktop's colour scheme comes from the test (StandInConfig.theme); the app may
// override it with themeSource, as in Electron, and pages follow (prefers-color-scheme).
import type { NativeThemeSurface } from '../surface';
import { config } from './runtime';

class NativeThemeStandIn implements NativeThemeSurface {
  themeSource: 'system' | 'light' | 'dark' = 'system';

  get shouldUseDarkColors(): boolean {
    return this.themeSource === 'system' ? config.theme === 'dark' : this.themeSource === 'dark';
  }
}

export const nativeTheme = new NativeThemeStandIn();
