// Settings are written back to main in whole sections, debounced: dragging a column edge or typing
// in the filter box produces a burst of changes and only the last state of each section matters.
import type { RendererSettingsPatch } from '../../shared/settings';
import { reportError } from './call-main';

const WRITE_DELAY_MS = 500;

let pending: RendererSettingsPatch = {};
let timer: ReturnType<typeof setTimeout> | null = null;

/** Queue whole sections for writing; later calls for the same section replace earlier ones. */
export function saveSettings(patch: RendererSettingsPatch): void {
  pending = { ...pending, ...patch };
  if (timer !== null) clearTimeout(timer);
  timer = setTimeout(flushSettings, WRITE_DELAY_MS);
}

/** Write what is queued now (on unload, and by tests that want a settled state). */
export function flushSettings(): void {
  if (timer !== null) clearTimeout(timer);
  timer = null;
  if (Object.keys(pending).length === 0) return;
  const patch = pending;
  pending = {};
  void window.portscope.updateSettings(patch).catch(reportError);
}
