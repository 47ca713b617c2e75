// What the toolbar's poll and view controls do: tell main, remember the choice in settings.
import type { PollIntervalMs } from '../../shared/model';
import { callMain } from './call-main';
import { applyView } from './rows/live-table';
import type { ViewSettings } from './rows/view-filter';
import { saveSettings } from './settings-writer';
import { useUiStore } from './store';

export function setPollInterval(intervalMs: PollIntervalMs): void {
  useUiStore.setState({ intervalMs });
  void callMain(() => window.portscope.setPollInterval(intervalMs));
  saveSettings({ poll: { intervalMs, paused: useUiStore.getState().paused } });
}

export function setPaused(paused: boolean): void {
  useUiStore.setState({ paused });
  void callMain(() => window.portscope.setPaused(paused));
  const intervalMs = useUiStore.getState().intervalMs as PollIntervalMs;
  saveSettings({ poll: { intervalMs, paused } });
}

export function refreshNow(): void {
  void callMain(() => window.portscope.refreshNow());
}

/** Change some toggles or the filter text: the grid narrows at once, the setting is saved. */
export function updateView(patch: Partial<ViewSettings>): void {
  const view = { ...useUiStore.getState().view, ...patch };
  applyView(view);
  saveSettings({ view });
}
