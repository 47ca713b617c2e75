// The application menu (template in app-menu.ts), rebuilt when the poll settings change so its
// interval radio items and Pause check stay in step with the page.
import { app, Menu } from 'electron';
import type { EmitEvent, InvokeHandlers } from '../shared/contract';
import { appMenuTemplate } from './app-menu';
import type { FileSettingsStore } from './core/settings-store';

export function installApplicationMenu(
  store: FileSettingsStore,
  handlers: InvokeHandlers,
  emit: EmitEvent,
  logError: (error: unknown) => void,
): void {
  const setMenu = () => {
    const { intervalMs, paused } = store.get().poll;
    const template = appMenuTemplate({
      platform: process.platform,
      appName: app.getName(),
      developer: !app.isPackaged,
      intervalMs,
      paused,
      sendCommand: (command) => emit('menuCommand', { command }),
      refreshNow: () => void Promise.resolve(handlers.refreshNow()).catch(logError),
      setIntervalMs: (ms) => void Promise.resolve(handlers.setPollInterval(ms)).catch(logError),
      setPaused: (value) => void Promise.resolve(handlers.setPaused(value)).catch(logError),
    });
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  };
  setMenu();
  let lastPoll = store.get().poll;
  store.onChange((next) => {
    if (next.poll !== lastPoll) {
      lastPoll = next.poll;
      setMenu();
    }
  });
}
