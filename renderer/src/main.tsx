// Start-up: read settings from main, take the saved theme, then render. Settings come first so the
// grid opens with the saved columns, filter and colours instead of flashing the defaults.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { defaultSettings, type Settings } from '../../shared/settings';
import { App } from './app';
import { reportError } from './call-main';
import { registerConnectionMenuCommands } from './connection-commands';
import { installRowActions } from './features/actions';
import { installExport } from './features/export';
import { installWhois } from './features/whois';
import { registerColumnMenuCommands } from './grid/grid-menu-commands';
import { listenForMenuCommands, registerMenuCommand } from './menu-commands';
import { refreshNow } from './poll-controls';
import { registerPreferencesMenuCommand } from './preferences/preferences-sheet';
import { applyView } from './rows/live-table';
import { BOOT_MARK, RENDER_MARK } from './rows/live-table-marks';
import { flushSettings } from './settings-writer';
import { registerLegendMenuCommand } from './status/legend';
import { useUiStore } from './store';
import { applyTheme } from './theme/apply-theme';
import { installFindKey } from './toolbar/filter-box';
import { registerViewMenuCommands } from './views';
import './styles.css';

async function loadSettings(): Promise<Settings> {
  try {
    return await window.portscope.getSettings();
  } catch (error) {
    reportError(error);
    return defaultSettings;
  }
}

async function start(): Promise<void> {
  performance.mark(BOOT_MARK);
  // The OS theme until the saved choice is known: no flash of light in a dark desktop.
  applyTheme('system');
  listenForMenuCommands();
  registerMenuCommand('refresh', refreshNow);
  registerPreferencesMenuCommand();
  registerConnectionMenuCommands();
  registerViewMenuCommands();
  registerColumnMenuCommands();
  registerLegendMenuCommand();
  installFindKey();
  // Features by other owners: each registers its keys, menu commands and panel layer.
  installRowActions();
  installWhois();
  installExport();
  window.addEventListener('beforeunload', flushSettings);

  const settings = await loadSettings();
  applyTheme(settings.ui.theme);
  applyView(settings.view);
  useUiStore.setState({
    ready: true,
    intervalMs: settings.poll.intervalMs,
    paused: settings.poll.paused,
    ui: settings.ui,
  });

  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root');
  performance.mark(RENDER_MARK);
  createRoot(root).render(
    <StrictMode>
      <App savedColumns={settings.grid.columns} />
    </StrictMode>,
  );
}

void start();
