// Preferences' view of the settings: read once when the sheet opens, then every change is sent
// at once (the page's part through updateSettings, limited to what rendererSettingsPatchSchema
// allows; main's part through changeProtectedSetting, which asks the person in a native dialog)
// and the sheet shows what main answers with.
import { useCallback, useEffect, useState } from 'react';
import type { ProtectedChange } from '../../../shared/contract/protected-settings';
import { toRendererPatch, type Settings, type SettingsPatch } from '../../../shared/settings';
import { callMain } from '../call-main';

export interface SettingsAccess {
  settings: Settings | null;
  /** Change whole sections the page may write; resolves with the saved settings. */
  save(patch: SettingsPatch): Promise<Settings | undefined>;
  /** Ask main to change one of its own settings (a native dialog decides). */
  askMain(change: ProtectedChange): Promise<boolean>;
}

export function useSettings(): SettingsAccess {
  const [settings, setSettings] = useState<Settings | null>(null);

  useEffect(() => {
    let live = true;
    void callMain(() => window.portscope.getSettings()).then((next) => {
      if (live && next) setSettings(next);
    });
    return () => {
      live = false;
    };
  }, []);

  const save = useCallback(async (patch: SettingsPatch) => {
    const next = await callMain(() => window.portscope.updateSettings(toRendererPatch(patch)));
    if (next) setSettings(next);
    return next;
  }, []);

  const askMain = useCallback(async (change: ProtectedChange) => {
    const result = await callMain(() => window.portscope.changeProtectedSetting(change));
    if (result) setSettings(result.settings);
    return result?.changed ?? false;
  }, []);

  return { settings, save, askMain };
}
