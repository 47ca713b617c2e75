// nativeTheme: the desktop's colour scheme comes from the test (StandInConfig.theme, and the
// setTheme command when the desktop switches); the app may override it with themeSource, as in
// Electron, and pages follow (prefers-color-scheme). 'updated' is emitted on a switch.
import { EventEmitter } from 'node:events';
import type { NativeThemeSurface } from '../surface';
import { config } from './runtime';

class NativeThemeStandIn extends EventEmitter implements NativeThemeSurface {
  themeSource: 'system' | 'light' | 'dark' = 'system';

  get shouldUseDarkColors(): boolean {
    return this.themeSource === 'system' ? config.theme === 'dark' : this.themeSource === 'dark';
  }
}

export const nativeTheme = new NativeThemeStandIn();
