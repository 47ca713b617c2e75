// Start-up: follow the OS theme, read settings from main, then render. Settings come first so the
// grid opens with the saved columns and filter instead of flashing the defaults.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { defaultSettings, type Settings } from '../../shared/settings';
import { App } from './app';
import { reportError } from './call-main';
import { followColorScheme } from './grid/theme';
import { listenForMenuCommands, registerMenuCommand } from './menu-commands';
import { installRowActions } from './features/actions';
import { installExport } from './features/export';
import { installWhois } from './features/whois';
import { refreshNow } from './poll-controls';
import { openPreferences } from './preferences';
import { applyView } from './rows/live-table';
import { BOOT_MARK, RENDER_MARK } from './rows/live-table-marks';
import { flushSettings } from './settings-writer';
import { useUiStore } from './store';
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
  followColorScheme();
  listenForMenuCommands();
  registerMenuCommand('refresh', refreshNow);
  registerMenuCommand('preferences', openPreferences);
  // Features by other owners: each registers its keys, menu commands and panel layer.
  installRowActions();
  installWhois();
  installExport();
  window.addEventListener('beforeunload', flushSettings);

  const settings = await loadSettings();
  applyView(settings.view);
  useUiStore.setState({
    ready: true,
    intervalMs: settings.poll.intervalMs,
    paused: settings.poll.paused,
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
