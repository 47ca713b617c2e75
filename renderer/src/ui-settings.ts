// The `ui` settings section from the page: theme and close-to-tray. Applied at once (the theme
// repaints, main reads closeToTray when the window is closed) and saved.
import type { Settings, Theme } from '../../shared/settings';
import { saveSettings } from './settings-writer';
import { useUiStore } from './store';
import { applyTheme } from './theme/apply-theme';

function saveUi(patch: Partial<Settings['ui']>): void {
  const ui = { ...useUiStore.getState().ui, ...patch };
  useUiStore.setState({ ui });
  saveSettings({ ui });
}

export function setTheme(theme: Theme): void {
  applyTheme(theme);
  saveUi({ theme });
}

export function setCloseToTray(closeToTray: boolean): void {
  saveUi({ closeToTray });
}
